package dev.invokerguard.token;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How long a fetched key set stays fresh, from its response headers as a private cache reads them
 * (RFC 9111): the freshness lifetime is {@code Cache-Control: max-age} (section 5.2.2.1) minus the
 * response's {@code Age} (section 5.1), clamped to the configured bounds.
 *
 * <p>No {@code Cache-Control}, no or an invalid {@code max-age} (not delta-seconds, or given twice with
 * different values), {@code no-store} or {@code no-cache} all give the lower bound. An invalid {@code Age}
 * is ignored (section 5.1). A value too large to represent counts as 2147483648 seconds (section 1.2.2).
 */
final class CacheLifetime {
  private static final long DELTA_SECONDS_MAX = 2_147_483_648L;

  private CacheLifetime() {}

  /**
   * The lifetime of a response.
   *
   * @param cacheControl every {@code Cache-Control} field value of the response, in order
   * @param age the {@code Age} field value, if any
   * @param min the shortest lifetime
   * @param max the longest lifetime
   */
  static Duration of(List<String> cacheControl, Optional<String> age, Duration min, Duration max) {
    long maxAge = maxAge(cacheControl);
    if (maxAge < 0) {
      return min;
    }
    long ageSeconds = age.map(CacheLifetime::deltaSeconds).filter(s -> s >= 0).orElse(0L);
    Duration lifetime = Duration.ofSeconds(maxAge - ageSeconds);
    if (lifetime.compareTo(min) < 0) {
      return min;
    }
    return lifetime.compareTo(max) > 0 ? max : lifetime;
  }

  /** {@code max-age} in seconds, or -1 when absent, invalid or overridden by no-store / no-cache. */
  private static long maxAge(List<String> fieldValues) {
    long found = -1;
    for (String directive : directives(fieldValues)) {
      int eq = directive.indexOf('=');
      String name = (eq < 0 ? directive : directive.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
      if (name.equals("no-store") || (name.equals("no-cache") && eq < 0)) {
        return -1;
      }
      if (!name.equals("max-age")) {
        continue;
      }
      long value = eq < 0 ? -1 : deltaSeconds(unquote(directive.substring(eq + 1).trim()));
      if (value < 0 || (found >= 0 && found != value)) {
        return -1;
      }
      found = value;
    }
    return found;
  }

  /** Splits field values on commas outside quoted strings (RFC 9110 section 5.6.1). */
  private static List<String> directives(List<String> fieldValues) {
    List<String> out = new ArrayList<>();
    for (String value : fieldValues) {
      StringBuilder current = new StringBuilder();
      boolean quoted = false;
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if (c == '"') {
          quoted = !quoted;
        } else if (c == '\\' && quoted && i + 1 < value.length()) {
          current.append(c);
          c = value.charAt(++i);
        } else if (c == ',' && !quoted) {
          addIfPresent(out, current);
          current.setLength(0);
          continue;
        }
        current.append(c);
      }
      addIfPresent(out, current);
    }
    return out;
  }

  private static void addIfPresent(List<String> out, StringBuilder directive) {
    String trimmed = directive.toString().trim();
    if (!trimmed.isEmpty()) {
      out.add(trimmed);
    }
  }

  private static String unquote(String value) {
    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
      return value.substring(1, value.length() - 1);
    }
    return value;
  }

  /** RFC 9111 section 1.2.2 delta-seconds: digits only; -1 when invalid. */
  private static long deltaSeconds(String value) {
    String digits = value.trim();
    if (digits.isEmpty()) {
      return -1;
    }
    long seconds = 0;
    for (int i = 0; i < digits.length(); i++) {
      char c = digits.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      seconds = Math.min(DELTA_SECONDS_MAX, seconds * 10 + (c - '0'));
    }
    return seconds;
  }
}
