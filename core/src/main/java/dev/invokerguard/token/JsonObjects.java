package dev.invokerguard.token;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A JSON object (RFC 8259) read with Jackson's streaming parser into maps, lists, strings, numbers, booleans
 * and nulls: one object and nothing after it, no member name twice. A key set is read this way rather than
 * through a data-binding mapper or a JOSE library's JSON reader, which would load hundreds of classes for it.
 */
final class JsonObjects {
  private static final JsonFactory FACTORY = JsonFactory.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();
  /** Deeper nesting is refused: no key set nests more than three levels. */
  static final int MAX_DEPTH = 32;

  private JsonObjects() {}

  /** The object {@code text} holds, or {@code null} when it is not exactly one well-formed JSON object. */
  static @Nullable Map<String, Object> parse(String text) {
    try (JsonParser parser = FACTORY.createParser(text)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      Map<String, Object> object = object(parser, 1);
      return parser.nextToken() == null ? object : null;
    } catch (IOException | IllegalStateException e) {
      return null;
    }
  }

  private static Map<String, Object> object(JsonParser parser, int depth) throws IOException {
    Map<String, Object> object = new LinkedHashMap<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      object.put(name, value(parser, parser.nextToken(), depth));
    }
    return object;
  }

  private static @Nullable Object value(JsonParser parser, JsonToken token, int depth) throws IOException {
    if (depth > MAX_DEPTH) {
      throw new IllegalStateException("nested deeper than " + MAX_DEPTH);
    }
    return switch (token) {
      case START_OBJECT -> object(parser, depth + 1);
      case START_ARRAY -> {
        List<Object> list = new ArrayList<>();
        JsonToken next;
        while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
          list.add(value(parser, next, depth + 1));
        }
        yield list;
      }
      case VALUE_STRING -> parser.getText();
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getNumberValue();
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      case VALUE_NULL -> null;
      default -> throw new IllegalStateException("unexpected " + token);
    };
  }
}
