package dev.invokerguard.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads custom roles in the IAM {@code roles.get} format ({@code name}, {@code includedPermissions}). */
final class CustomRoleReader {
  private static final Set<String> ROLE_FIELDS = Set.of("name", "title", "description",
      "includedPermissions", "stage", "etag", "deleted");

  private CustomRoleReader() {}

  static void read(JsonNode root, Map<String, Set<String>> roles, Set<String> inactive,
      Set<String> builtIn, ProblemList problems) {
    JsonNode list;
    String location;
    if (root.isArray()) {
      list = root;
      location = "";
    } else if (root.has("roles")) {
      Fields.onlyKnown(root, "", Set.of("roles", "nextPageToken"), problems);
      list = Fields.objects(root, "roles", "", problems);
      location = "roles";
    } else {
      readRole(root, "", roles, inactive, builtIn, problems);
      return;
    }
    if (list == null) {
      return;
    }
    for (int i = 0; i < list.size(); i++) {
      String where = location + "[" + i + "]";
      JsonNode node = list.get(i);
      if (!node.isObject()) {
        problems.error(PolicyProblemCode.WRONG_TYPE, where, "a role must be an object, not "
            + Fields.describe(node));
        continue;
      }
      readRole(node, where, roles, inactive, builtIn, problems);
    }
  }

  private static void readRole(JsonNode node, String location, Map<String, Set<String>> roles,
      Set<String> inactive, Set<String> builtIn, ProblemList problems) {
    Fields.onlyKnown(node, location, ROLE_FIELDS, problems);
    String name = Fields.text(node, "name", location, true, problems);
    List<String> permissions = Fields.texts(node, "includedPermissions", location, false, problems);
    String stage = Fields.text(node, "stage", location, false, problems);
    JsonNode deleted = node.get("deleted");
    if (deleted != null && !deleted.isBoolean()) {
      problems.error(PolicyProblemCode.WRONG_TYPE, Fields.at(location, "deleted"),
          "\"deleted\" must be a boolean, not " + Fields.describe(deleted));
    }
    if (name == null || permissions == null) {
      return;
    }
    String where = Fields.at(location, "name");
    if (!RoleCatalog.CUSTOM.matcher(name).matches()) {
      problems.error(PolicyProblemCode.MALFORMED_ROLE, where, "custom role \"" + name
          + "\" must be projects/P/roles/R or organizations/O/roles/R");
      return;
    }
    if (roles.containsKey(name) && !builtIn.contains(name)) {
      problems.error(PolicyProblemCode.DUPLICATE_ROLE, where, "custom role \"" + name + "\" is defined twice");
      return;
    }
    roles.put(name, Set.copyOf(permissions));
    if ((deleted != null && deleted.asBoolean()) || "DISABLED".equals(stage)) {
      inactive.add(name);
      problems.warning(PolicyProblemCode.INACTIVE_ROLE, where, "custom role \"" + name
          + "\" is " + ("DISABLED".equals(stage) ? "disabled" : "deleted") + ": it grants nothing");
    }
  }
}
