package dev.invokerguard;

import java.util.Locale;

/** Lowercases the host and drops its port; refuses any path holding {@code %2f} or {@code //}. */
final class TrivialNormalizer implements RequestTargetNormalizer {
  @Override
  public NormalizedTarget normalize(String host, String rawPath) {
    if (rawPath.toLowerCase(Locale.ROOT).contains("%2f") || rawPath.contains("//")) {
      return NormalizedTarget.rejected("the path holds an encoded slash or \"//\"");
    }
    int colon = host.indexOf(':');
    return NormalizedTarget.accepted((colon < 0 ? host : host.substring(0, colon)).toLowerCase(Locale.ROOT),
        rawPath);
  }
}
