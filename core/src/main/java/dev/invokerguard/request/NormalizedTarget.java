package dev.invokerguard.request;

import dev.invokerguard.Internal;
import org.jspecify.annotations.Nullable;

/**
 * A normalised request target, or why it was refused (answered with 400).
 *
 * @param host the normalised host, or {@code null} when refused
 * @param path the normalised path, or {@code null} when refused
 * @param rejection why the target is ambiguous or malformed, or {@code null} when accepted
 */
@Internal
public record NormalizedTarget(@Nullable String host, @Nullable String path, @Nullable String rejection) {
  static NormalizedTarget accepted(String host, String path) {
    return new NormalizedTarget(host, path, null);
  }

  static NormalizedTarget rejected(String rejection) {
    return new NormalizedTarget(null, null, rejection);
  }

  public boolean isAccepted() {
    return rejection == null;
  }
}
