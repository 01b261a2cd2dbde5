package dev.invokerguard.token;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Deep read-only copies of JSON claim trees (null values are kept, which {@code Map.copyOf} refuses). */
final class ReadOnlyClaims {
  private ReadOnlyClaims() {}

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
