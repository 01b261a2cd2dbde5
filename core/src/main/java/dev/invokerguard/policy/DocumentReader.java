package dev.invokerguard.policy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/** Reads a JSON or YAML document into a tree; a syntax error becomes a problem with its line and column. */
final class DocumentReader {
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .build();
  private static final ObjectMapper YAML = YAMLMapper.builder()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .build();

  private DocumentReader() {}

  /** The document's root object, or {@code null} after reporting why there is none. */
  static JsonNode readObject(PolicyText text, ProblemList problems) {
    return read(text, problems, false);
  }

  /** The document's root object or list, or {@code null} after reporting why there is none. */
  static JsonNode readObjectOrList(PolicyText text, ProblemList problems) {
    return read(text, problems, true);
  }

  private static JsonNode read(PolicyText text, ProblemList problems, boolean listAllowed) {
    ObjectMapper mapper = text.format() == PolicyText.Format.YAML ? YAML : JSON;
    JsonNode root;
    try {
      root = mapper.readTree(text.content());
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? ""
          : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
      problems.error(PolicyProblemCode.SYNTAX_ERROR, where,
          "not valid " + text.format() + ": " + e.getOriginalMessage());
      return null;
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      problems.error(PolicyProblemCode.MISSING_FIELD, "", "the document is empty");
      return null;
    }
    if (!root.isObject() && !(listAllowed && root.isArray())) {
      problems.error(PolicyProblemCode.WRONG_TYPE, "",
          "the document must be an object, not " + Fields.describe(root));
      return null;
    }
    return root;
  }
}
