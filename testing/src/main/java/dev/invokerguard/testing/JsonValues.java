package dev.invokerguard.testing;

import com.nimbusds.jose.jwk.JWK;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Converts claim and header values to what the JSON writer accepts. */
final class JsonValues {
  private JsonValues() {}

  static Object of(Object value) {
    if (value == null
        || value instanceof String
        || value instanceof Number
        || value instanceof Boolean) {
      return value;
    }
    if (value instanceof Instant instant) {
      return instant.getEpochSecond();
    }
    if (value instanceof JWK jwk) {
      return jwk.toJSONObject();
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(String.valueOf(k), of(v)));
      return copy;
    }
    if (value instanceof Collection<?> collection) {
      List<Object> copy = new ArrayList<>(collection.size());
      collection.forEach(v -> copy.add(of(v)));
      return copy;
    }
    if (value instanceof Object[] array) {
      return of(Arrays.asList(array));
    }
    throw new IllegalArgumentException("unsupported JSON value type: " + value.getClass());
  }
}
