package dev.invokerguard.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * Judges the roles, members and conditions of a read allow policy and lists the grants of one permission.
 * Every binding is checked, including those whose role does not grant the permission.
 */
final class AllowPolicyCompiler {
  static final String OPEN_TO_ALL_USERS = "the service's policy grants the invoking role to allUsers without a"
      + " condition: EVERY request is allowed, whatever the other bindings and the local layer say. Deploy"
      + " with --no-invoker-iam-check instead, remove this binding (gcloud run services"
      + " remove-iam-policy-binding SERVICE --member=allUsers --role=ROLE) and open paths in the local layer"
      + " (invokerguard.public-paths, invokerguard.local-policy)";
  private AllowPolicyCompiler() {}

  /**
   * @param granting receives the index of every binding whose role carries the permission
   */
  static List<Grant> compile(IamPolicy policy, PolicyLayer layer, RoleCatalog roles, String permission,
      ConditionCompiler compiler, ProblemList problems, java.util.Set<Integer> granting) {
    List<Grant> grants = new ArrayList<>();
    for (int i = 0; i < policy.bindings().size(); i++) {
      Binding binding = policy.bindings().get(i);
      String location = Fields.at("bindings", i);
      boolean grants0 = grantsPermission(binding.role(), Fields.at(location, "role"), roles, permission,
          problems);
      if (grants0) {
        granting.add(i);
      }
      CompiledCondition compiled = ConditionChecks.compile(binding.condition(),
          Fields.at(location, "condition"), true, compiler, problems);
      for (int j = 0; j < binding.members().size(); j++) {
        String member = binding.members().get(j);
        String key = MemberForms.allowMemberKey(member, Fields.at(Fields.at(location, "members"), j), layer,
            problems);
        if (grants0 && key != null) {
          grants.add(new Grant(key, member, i, binding.role(), binding.condition(), compiled));
          if (layer == PolicyLayer.SERVICE && key.equals(MemberForms.ALL_USERS) && binding.condition() == null) {
            problems.warning(PolicyProblemCode.SERVICE_OPEN_TO_ALL_USERS, location, OPEN_TO_ALL_USERS);
          }
        }
      }
    }
    return grants;
  }

  private static boolean grantsPermission(String role, String location, RoleCatalog roles,
      String permission, ProblemList problems) {
    if (role.isEmpty()) {
      return false;
    }
    boolean predefined = RoleCatalog.PREDEFINED.matcher(role).matches();
    if (!predefined && !RoleCatalog.CUSTOM.matcher(role).matches()) {
      problems.error(PolicyProblemCode.MALFORMED_ROLE, location, "role \"" + role
          + "\" must be roles/NAME, projects/P/roles/R or organizations/O/roles/R");
      return false;
    }
    if (role.contains("_withcond_")) {
      problems.warning(PolicyProblemCode.WITHCOND_ROLE, location, "role \"" + role + "\" is a version-1"
          + " view of a conditional binding and never grants; fetch the policy at version 3"
          + " (gcloud prints it so by default)");
      return false;
    }
    return switch (roles.grant(role, permission)) {
      case GRANTS -> true;
      case DOES_NOT_GRANT, INACTIVE -> false;
      case UNKNOWN -> {
        problems.warning(PolicyProblemCode.UNKNOWN_ROLE, location, predefined
            ? "role \"" + role + "\" is not in the built-in table of roles that carry a Cloud Run invoke"
                + " permission: it grants nothing"
            : "custom role \"" + role + "\" is not defined in the custom roles: it grants nothing");
        yield false;
      }
    };
  }
}
