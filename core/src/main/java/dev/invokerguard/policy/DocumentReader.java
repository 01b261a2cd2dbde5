package dev.invokerguard.policy;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.invokerguard.token.StreamingJson;
import java.io.IOException;

/**
 * Reads a JSON or YAML document into a tree; a syntax error becomes a problem with its line and column.
 * The text must hold exactly one document: anything after the first JSON value, or a second YAML document
 * after {@code ---}, is a syntax error (a reader that stopped at the first part would load half a policy).
 * A repeated key is a syntax error. The YAML parser (jackson-dataformat-yaml and SnakeYAML) is built the first
 * time a YAML document is read, so a service whose documents are all JSON never loads it.
 */
final class DocumentReader {
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
    boolean yaml = text.format() == PolicyText.Format.YAML;
    JsonNode root;
    try (JsonParser parser = StreamingJson.strictParser(text.content(), yaml)) {
      root = StreamingJson.readTree(parser);
      if (root != null) {
        JsonLocation trailing = StreamingJson.trailing(parser);
        if (trailing != null) {
          problems.error(PolicyProblemCode.SYNTAX_ERROR, where(trailing), yaml
              ? "a second YAML document after the first one: a document holds exactly one"
              : "content after the end of the JSON document: a document holds exactly one JSON value");
          return null;
        }
      }
    } catch (JsonProcessingException e) {
      problems.error(PolicyProblemCode.SYNTAX_ERROR, where(e.getLocation()),
          "not valid " + text.format() + ": " + e.getOriginalMessage());
      return null;
    } catch (IOException e) {
      problems.error(PolicyProblemCode.SYNTAX_ERROR, "", "not readable as " + text.format() + ": "
          + e.getMessage());
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


  private static String where(JsonLocation location) {
    return location == null ? "" : "line " + location.getLineNr() + ", column " + location.getColumnNr();
  }
}
