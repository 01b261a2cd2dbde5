package dev.invokerguard.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads the structure of an IAM v2 deny policy
 * (<a href="https://cloud.google.com/iam/docs/reference/rest/v2/policies">policies</a> resource).
 * Principals, permissions and conditions are judged by {@link DenyPolicyCompiler}.
 */
final class DenyPolicyReader {
  private static final Set<String> POLICY_FIELDS = Set.of("name", "uid", "kind", "displayName",
      "annotations", "etag", "createTime", "updateTime", "deleteTime", "managingAuthority", "rules");
  private static final Set<String> RULE_FIELDS = Set.of("description", "denyRule");
  private static final Set<String> DENY_RULE_FIELDS = Set.of("deniedPrincipals", "exceptionPrincipals",
      "deniedPermissions", "exceptionPermissions", "denialCondition");

  private DenyPolicyReader() {}

  static DenyPolicy read(JsonNode root, ProblemList problems) {
    Fields.onlyKnown(root, "", POLICY_FIELDS, problems);
    String name = Fields.text(root, "name", "", false, problems);
    String displayName = Fields.text(root, "displayName", "", false, problems);
    List<DenyRule> rules = new ArrayList<>();
    JsonNode list = Fields.objects(root, "rules", "", problems);
    if (list != null && list.isEmpty()) {
      problems.error(PolicyProblemCode.MISSING_FIELD, "rules", "a deny policy needs at least one rule");
    }
    for (int i = 0; list != null && i < list.size(); i++) {
      String location = Fields.at("rules", i);
      JsonNode node = list.get(i);
      if (!node.isObject()) {
        problems.error(PolicyProblemCode.WRONG_TYPE, location, "a rule must be an object, not "
            + Fields.describe(node));
        continue;
      }
      Fields.onlyKnown(node, location, RULE_FIELDS, problems);
      String description = Fields.text(node, "description", location, false, problems);
      JsonNode denyRule = Fields.object(node, "denyRule", location, problems);
      if (denyRule == null) {
        if (Fields.absent(node, "denyRule")) {
          problems.error(PolicyProblemCode.MISSING_FIELD, Fields.at(location, "denyRule"),
              "\"denyRule\" is required");
        }
        continue;
      }
      rules.add(rule(denyRule, description, Fields.at(location, "denyRule"), problems));
    }
    return new DenyPolicy(name, displayName, rules);
  }

  private static DenyRule rule(JsonNode node, String description, String location, ProblemList problems) {
    Fields.onlyKnown(node, location, DENY_RULE_FIELDS, problems);
    return new DenyRule(description,
        orEmpty(Fields.texts(node, "deniedPrincipals", location, true, problems)),
        orEmpty(Fields.texts(node, "exceptionPrincipals", location, false, problems)),
        orEmpty(Fields.texts(node, "deniedPermissions", location, true, problems)),
        orEmpty(Fields.texts(node, "exceptionPermissions", location, false, problems)),
        AllowPolicyReader.condition(node, "denialCondition", location, "the deny rule " + location, problems));
  }

  private static List<String> orEmpty(List<String> values) {
    return values == null ? List.of() : values;
  }
}
