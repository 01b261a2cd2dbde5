package dev.invokerguard.token;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.invokerguard.Internal;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * JSON (RFC 8259) and YAML read into {@link JsonNode} trees or plain maps, and JSON written, with jackson-core's
 * streaming parser and generator only: building jackson-databind's {@code ObjectMapper} costs a fresh JVM
 * hundreds of classes and a large share of a second of processor time. The trees and maps are exactly those an
 * {@code ObjectMapper} with default settings reads (integers as int, long or big integer by size, other
 * numbers as double, binary YAML as binary nodes). The YAML factory (jackson-dataformat-yaml, SnakeYAML) is
 * built the first time a YAML document is read.
 */
@Internal
public final class StreamingJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  /** Refuses a repeated member name: two {@code aud} claims or two {@code bindings} are ambiguous. */
  private static final JsonFactory STRICT = JsonFactory.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  /** Reads a repeated member name as its last value (what a default {@code ObjectMapper} does). */
  private static final JsonFactory LENIENT = new JsonFactory();

  private StreamingJson() {}

  /**
   * Initialised on first use only (the JVM's lazy class initialisation). Built from a default factory:
   * {@code YAMLFactory.builder()} starts with no YAML parser features (an empty scalar would read as
   * {@code ""}, not {@code null}).
   */
  private static final class Yaml {
    static final YAMLFactory STRICT = new YAMLFactory().rebuild()
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  }

  /**
   * A parser over {@code text}, YAML when {@code yaml} (building the YAML factory on first use), else JSON, that
   * refuses a repeated member name or key.
   */
  public static JsonParser strictParser(String text, boolean yaml) throws IOException {
    return yaml ? Yaml.STRICT.createParser(text) : STRICT.createParser(text);
  }

  /**
   * Where content follows the value {@link #readTree} read (a second JSON value, a second YAML document), or
   * {@code null} when nothing does; unreadable content after it counts as content, at its location.
   */
  public static @Nullable JsonLocation trailing(JsonParser parser) throws IOException {
    try {
      return parser.nextToken() == null ? null : parser.currentTokenLocation();
    } catch (JsonProcessingException e) {
      return e.getLocation() == null ? parser.currentLocation() : e.getLocation();
    }
  }

  /**
   * The next value of {@code parser} as a tree, or {@code null} at the end of the input; the parser's current
   * token is then cleared, so its next token is whatever follows the value. What
   * {@code ObjectMapper.readTree(JsonParser)} returns and does.
   */
  public static @Nullable JsonNode readTree(JsonParser parser) throws IOException {
    JsonToken token = parser.currentToken();
    if (token == null) {
      token = parser.nextToken();
      if (token == null) {
        return null;
      }
    }
    JsonNode node = value(parser, token);
    parser.clearCurrentToken();
    return node;
  }

  /**
   * The tree of a whole JSON text, what {@code new ObjectMapper().readTree(text)} returns: a missing node
   * for an empty text, the last value of a repeated member name, content after the first value ignored.
   */
  public static JsonNode readLenient(String text) throws IOException {
    try (JsonParser parser = LENIENT.createParser(text)) {
      return firstValue(parser);
    }
  }

  /** As {@link #readLenient(String)}, for UTF-8 (or otherwise RFC 8259 encoded) bytes. */
  public static JsonNode readLenient(byte[] text) throws IOException {
    try (JsonParser parser = LENIENT.createParser(text)) {
      return firstValue(parser);
    }
  }

  private static JsonNode firstValue(JsonParser parser) throws IOException {
    JsonNode node = readTree(parser);
    return node == null ? NODES.missingNode() : node;
  }

  /** As {@link #readLenient(String)}, but content after the first value is refused. */
  public static JsonNode readWhole(String text) throws IOException {
    try (JsonParser parser = LENIENT.createParser(text)) {
      JsonNode node = readTree(parser);
      if (node == null) {
        return NODES.missingNode();
      }
      refuseTrailing(parser);
      return node;
    }
  }

  /**
   * A JSON object as a map, what {@code ObjectMapper} binds to {@code Map<String, Object>} with duplicate
   * detection and trailing tokens refused: {@link LinkedHashMap}, {@link ArrayList}, {@link String},
   * {@link Integer}, {@link Long} or {@link java.math.BigInteger} by size, {@link Double}, {@link Boolean} and
   * {@code null} values. Anything but one object (a repeated member name, content after it) is refused.
   */
  public static Map<String, Object> readObject(byte[] text) throws IOException {
    try (JsonParser parser = STRICT.createParser(text)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new JsonParseException(parser, "not a JSON object");
      }
      Map<String, Object> object = map(parser);
      refuseTrailing(parser);
      return object;
    }
  }

  /** A JSON generator writing to {@code out}, with a default {@code ObjectMapper}'s settings. */
  public static JsonGenerator generator(Writer out) throws IOException {
    return LENIENT.createGenerator(out);
  }

  private static void refuseTrailing(JsonParser parser) throws IOException {
    JsonToken trailing = parser.nextToken();
    if (trailing != null) {
      throw new JsonParseException(parser, "Trailing token (of type " + trailing + ") found after the JSON value");
    }
  }

  /** The tree of the value whose first token is {@code token} (what jackson-databind's node reader builds). */
  private static JsonNode value(JsonParser parser, @Nullable JsonToken token) throws IOException {
    switch (present(parser, token)) {
      case START_OBJECT:
        ObjectNode object = NODES.objectNode();
        for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
          object.replace(name, value(parser, parser.nextToken()));
        }
        return object;
      case START_ARRAY:
        ArrayNode array = NODES.arrayNode();
        for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
          array.add(value(parser, next));
        }
        return array;
      case END_OBJECT:
        return NODES.objectNode();
      case VALUE_STRING:
        return NODES.textNode(parser.getText());
      case VALUE_NUMBER_INT:
        return switch (parser.getNumberType()) {
          case INT -> NODES.numberNode(parser.getIntValue());
          case LONG -> NODES.numberNode(parser.getLongValue());
          default -> NODES.numberNode(parser.getBigIntegerValue());
        };
      case VALUE_NUMBER_FLOAT:
        return switch (parser.getNumberTypeFP()) {
          case BIG_DECIMAL -> NODES.numberNode(parser.getDecimalValue());
          case FLOAT32 -> NODES.numberNode(parser.getFloatValue());
          default -> NODES.numberNode(parser.getDoubleValue());
        };
      case VALUE_TRUE:
        return NODES.booleanNode(true);
      case VALUE_FALSE:
        return NODES.booleanNode(false);
      case VALUE_NULL:
        return NODES.nullNode();
      case VALUE_EMBEDDED_OBJECT:
        return embedded(parser.getEmbeddedObject());
      default:
        throw new JsonParseException(parser, "unexpected token " + token + " where a value belongs");
    }
  }

  private static JsonToken present(JsonParser parser, @Nullable JsonToken token) throws IOException {
    if (token == null) {
      throw new JsonParseException(parser, "unexpected end of the input inside an object or array");
    }
    return token;
  }

  private static JsonNode embedded(@Nullable Object value) {
    if (value == null) {
      return NODES.nullNode();
    }
    if (value instanceof byte[] bytes) {
      return NODES.binaryNode(bytes);
    }
    if (value instanceof RawValue raw) {
      return NODES.rawValueNode(raw);
    }
    return value instanceof JsonNode node ? node : NODES.pojoNode(value);
  }

  /** The members of the object whose {@code START_OBJECT} the parser stands on. */
  private static Map<String, Object> map(JsonParser parser) throws IOException {
    Map<String, Object> map = new LinkedHashMap<>();
    for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
      map.put(name, plain(parser, parser.nextToken()));
    }
    return map;
  }

  /** The plain Java value whose first token is {@code token} (what jackson-databind binds to Object). */
  private static @Nullable Object plain(JsonParser parser, @Nullable JsonToken token) throws IOException {
    switch (present(parser, token)) {
      case START_OBJECT:
        return map(parser);
      case START_ARRAY:
        List<@Nullable Object> list = new ArrayList<>();
        for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
          list.add(plain(parser, next));
        }
        return list;
      case VALUE_STRING:
        return parser.getText();
      case VALUE_NUMBER_INT:
        return parser.getNumberValue();
      case VALUE_NUMBER_FLOAT:
        return switch (parser.getNumberTypeFP()) {
          case BIG_DECIMAL -> parser.getDecimalValue();
          case FLOAT32 -> parser.getFloatValue();
          default -> parser.getDoubleValue();
        };
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      case VALUE_EMBEDDED_OBJECT:
        return parser.getEmbeddedObject();
      default:
        throw new JsonParseException(parser, "unexpected token " + token + " where a value belongs");
    }
  }
}
