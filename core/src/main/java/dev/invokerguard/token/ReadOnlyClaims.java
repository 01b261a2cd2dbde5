package dev.invokerguard.token;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Deep read-only copies of JSON claim trees (null values are kept, which {@code Map.copyOf} refuses), the
 * subset of claims a verified token keeps, and their weight for the verified-token cache.
 */
final class ReadOnlyClaims {
  /**
   * The claims a {@link VerifiedToken} keeps: the registered claims of RFC 7519 section 4.1 and OpenID
   * Connect Core 2, and those identity reads ({@code email}, {@code email_verified}, {@code hd}). The
   * Firebase {@code firebase} object keeps {@code sign_in_provider} and {@code tenant}.
   */
  static final Set<String> KEPT = Set.of("iss", "sub", "aud", "azp", "exp", "nbf", "iat", "auth_time",
      "email", "email_verified", "hd", "firebase");
  private static final Set<String> KEPT_FIREBASE = Set.of("sign_in_provider", "tenant");
  /** What a map entry or list element costs beyond its characters, roughly. */
  private static final int NODE_WEIGHT = 16;

  private ReadOnlyClaims() {}

  /** The claims a verified token keeps ({@link #KEPT}), read-only. */
  static Map<String, Object> kept(Map<String, ?> claims) {
    Map<String, Object> kept = new LinkedHashMap<>();
    claims.forEach((name, value) -> {
      if (name.equals("firebase") && value instanceof Map<?, ?> firebase) {
        Map<String, Object> trimmed = new LinkedHashMap<>();
        firebase.forEach((k, v) -> {
          if (KEPT_FIREBASE.contains(String.valueOf(k))) {
            trimmed.put(String.valueOf(k), v);
          }
        });
        kept.put(name, trimmed);
      } else if (KEPT.contains(name)) {
        kept.put(name, value);
      }
    });
    return copyOf(kept);
  }

  /** Roughly how many characters a claim tree holds: names, string values, and a little per node. */
  static long weight(Object value) {
    if (value instanceof Map<?, ?> map) {
      long weight = NODE_WEIGHT;
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        weight += NODE_WEIGHT + String.valueOf(entry.getKey()).length() + weight(entry.getValue());
      }
      return weight;
    }
    if (value instanceof List<?> list) {
      long weight = NODE_WEIGHT;
      for (Object element : list) {
        weight += NODE_WEIGHT + weight(element);
      }
      return weight;
    }
    return value instanceof String s ? s.length() : NODE_WEIGHT;
  }

  static Map<String, Object> copyOf(Map<String, ?> claims) {
    Map<String, Object> copy = new LinkedHashMap<>();
    claims.forEach((k, v) -> copy.put(k, copyValue(v)));
    return Collections.unmodifiableMap(copy);
  }

  private static Object copyValue(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(String.valueOf(k), copyValue(v)));
      return Collections.unmodifiableMap(copy);
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      list.forEach(v -> copy.add(copyValue(v)));
      return Collections.unmodifiableList(copy);
    }
    return value;
  }
}
