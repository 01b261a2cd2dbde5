package dev.invokerguard.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/** Typed reads of tree fields that report a problem, with its location, instead of throwing. */
final class Fields {
  private Fields() {}

  static String at(String location, String field) {
    return location.isEmpty() ? field : location + "." + field;
  }

  static String at(String location, int index) {
    return location + "[" + index + "]";
  }

  /** Reports every field of {@code object} that is not in {@code known}. */
  static void onlyKnown(JsonNode object, String location, Set<String> known, ProblemList problems) {
    for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        problems.error(PolicyProblemCode.UNKNOWN_FIELD, at(location, name),
            "unknown field \"" + name + "\" (expected one of " + known.stream().sorted().toList() + ")");
      }
    }
  }

  /** A field that is absent or JSON {@code null}. */
  static boolean absent(JsonNode object, String field) {
    JsonNode node = object.get(field);
    return node == null || node.isNull();
  }

  /** A string field; {@code null} when absent (reported if required) or of another type (reported). */
  static String text(JsonNode object, String field, String location, boolean required,
      ProblemList problems) {
    JsonNode node = object.get(field);
    if (node == null || node.isNull()) {
      if (required) {
        problems.error(PolicyProblemCode.MISSING_FIELD, at(location, field), "\"" + field + "\" is required");
      }
      return null;
    }
    if (!node.isTextual()) {
      problems.error(PolicyProblemCode.WRONG_TYPE, at(location, field),
          "\"" + field + "\" must be a string, not " + describe(node));
      return null;
    }
    return node.textValue();
  }

  /**
   * A list-of-strings field; empty when absent (reported if required), {@code null} when of another
   * type (reported). Elements of another type are reported one by one and left out.
   */
  static List<String> texts(JsonNode object, String field, String location, boolean required,
      ProblemList problems) {
    JsonNode node = object.get(field);
    String where = at(location, field);
    if (node == null || node.isNull() || (node.isArray() && node.isEmpty())) {
      if (required) {
        problems.error(PolicyProblemCode.MISSING_FIELD, where,
            "\"" + field + "\" is required and must not be empty");
      }
      return List.of();
    }
    if (!node.isArray()) {
      problems.error(PolicyProblemCode.WRONG_TYPE, where,
          "\"" + field + "\" must be a list of strings, not " + describe(node));
      return null;
    }
    List<String> values = new ArrayList<>(node.size());
    for (int i = 0; i < node.size(); i++) {
      JsonNode element = node.get(i);
      if (element.isTextual()) {
        values.add(element.textValue());
      } else {
        problems.error(PolicyProblemCode.WRONG_TYPE, at(where, i),
            "each entry of \"" + field + "\" must be a string, not " + describe(element));
      }
    }
    return values;
  }

  /** An object field; {@code null} when absent or of another type (reported). */
  static JsonNode object(JsonNode parent, String field, String location, ProblemList problems) {
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      problems.error(PolicyProblemCode.WRONG_TYPE, at(location, field),
          "\"" + field + "\" must be an object, not " + describe(node));
      return null;
    }
    return node;
  }

  /** A list-of-objects field; empty when absent, {@code null} when of another type (reported). */
  static JsonNode objects(JsonNode parent, String field, String location, ProblemList problems) {
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) {
      return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
    }
    if (!node.isArray()) {
      problems.error(PolicyProblemCode.WRONG_TYPE, at(location, field),
          "\"" + field + "\" must be a list, not " + describe(node));
      return null;
    }
    return node;
  }

  static String describe(JsonNode node) {
    if (node.isTextual()) {
      return "a string";
    }
    if (node.isNumber()) {
      return "a number";
    }
    if (node.isBoolean()) {
      return "a boolean";
    }
    if (node.isArray()) {
      return "a list";
    }
    if (node.isObject()) {
      return "an object";
    }
    return node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
  }
}
