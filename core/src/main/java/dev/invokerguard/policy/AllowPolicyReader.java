package dev.invokerguard.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads the structure of an allow policy (the
 * <a href="https://cloud.google.com/iam/docs/reference/rest/v1/Policy">IAM Policy</a> JSON or YAML):
 * field names and types, version. Members, roles and conditions are judged by {@link AllowPolicyCompiler}.
 */
final class AllowPolicyReader {
  private static final Set<String> POLICY_FIELDS = Set.of("version", "etag", "bindings", "auditConfigs");
  private static final Set<String> BINDING_FIELDS = Set.of("role", "members", "condition");
  static final Set<String> CONDITION_FIELDS = Set.of("expression", "title", "description", "location");
  private static final Set<Integer> VERSIONS = Set.of(0, 1, 3);

  private AllowPolicyReader() {}

  /** The policy as far as it could be read; the problems say whether it may load. */
  static IamPolicy read(JsonNode root, ProblemList problems) {
    Fields.onlyKnown(root, "", POLICY_FIELDS, problems);
    int version = version(root, problems);
    String etag = Fields.text(root, "etag", "", false, problems);
    List<Binding> bindings = new ArrayList<>();
    JsonNode list = Fields.objects(root, "bindings", "", problems);
    if (list != null) {
      for (int i = 0; i < list.size(); i++) {
        String location = Fields.at("bindings", i);
        JsonNode node = list.get(i);
        if (!node.isObject()) {
          problems.error(PolicyProblemCode.WRONG_TYPE, location,
              "a binding must be an object, not " + Fields.describe(node));
          bindings.add(new Binding("", List.of(), null));
          continue;
        }
        bindings.add(binding(node, location, problems));
      }
    }
    return new IamPolicy(version, etag, bindings);
  }

  private static int version(JsonNode root, ProblemList problems) {
    JsonNode node = root.get("version");
    if (node == null || node.isNull()) {
      return 0;
    }
    if (!node.isIntegralNumber()) {
      problems.error(PolicyProblemCode.WRONG_TYPE, "version",
          "\"version\" must be the number 0, 1 or 3, not " + Fields.describe(node));
      return 0;
    }
    if (!node.canConvertToInt() || !VERSIONS.contains(node.intValue())) {
      problems.error(PolicyProblemCode.UNSUPPORTED_VERSION, "version",
          "version " + node.asText() + " is not supported (0, 1 or 3)");
      return 0;
    }
    return node.intValue();
  }

  private static Binding binding(JsonNode node, String location, ProblemList problems) {
    Fields.onlyKnown(node, location, BINDING_FIELDS, problems);
    String role = Fields.text(node, "role", location, true, problems);
    List<String> members = Fields.texts(node, "members", location, true, problems);
    Condition condition = condition(node, "condition", location,
        role == null ? "the binding " + location : "the binding " + location + " of " + role, problems);
    return new Binding(role == null ? "" : role, members == null ? List.of() : members, condition);
  }

  /**
   * Reads a {@code google.type.Expr} field; {@code null} when absent or unreadable (reported). A field that
   * is present but empty ({@code null}, or YAML's {@code condition:} with nothing after it, as in a file cut
   * off mid-write) is an error: read as "no condition" it would widen the grant.
   *
   * @param owner names the binding or rule in the message, e.g. {@code the binding bindings[0] of roles/X}
   */
  static Condition condition(JsonNode parent, String field, String location, String owner,
      ProblemList problems) {
    JsonNode present = parent.get(field);
    if (present != null && present.isNull()) {
      problems.error(PolicyProblemCode.MISSING_FIELD, Fields.at(location, field), owner + " has \""
          + field + "\" but it is empty: give it an expression and a title, or remove the field");
      return null;
    }
    JsonNode node = Fields.object(parent, field, location, problems);
    if (node == null) {
      return null;
    }
    String where = Fields.at(location, field);
    Fields.onlyKnown(node, where, CONDITION_FIELDS, problems);
    String expression = Fields.text(node, "expression", where, true, problems);
    String title = Fields.text(node, "title", where, false, problems);
    String description = Fields.text(node, "description", where, false, problems);
    Fields.text(node, "location", where, false, problems);
    return expression == null ? null : new Condition(expression, title, description);
  }
}
