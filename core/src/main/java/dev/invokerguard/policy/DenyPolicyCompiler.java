package dev.invokerguard.policy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Judges the principals, permissions and conditions of a read deny policy; keeps the rules that matter. */
final class DenyPolicyCompiler {
  private DenyPolicyCompiler() {}

  static List<DenyRuleEntry> compile(DenyPolicy policy, String permission, ConditionCompiler compiler,
      ProblemList problems) {
    String v2Permission = DenyPermissions.toV2(permission);
    List<DenyRuleEntry> entries = new ArrayList<>();
    for (int i = 0; i < policy.rules().size(); i++) {
      DenyRule rule = policy.rules().get(i);
      String location = Fields.at(Fields.at("rules", i), "denyRule");
      Map<String, String> denied = new LinkedHashMap<>();
      List<String> deniedPrincipals = rule.deniedPrincipals();
      for (int j = 0; j < deniedPrincipals.size(); j++) {
        String key = MemberForms.denyPrincipalKey(deniedPrincipals.get(j),
            Fields.at(Fields.at(location, "deniedPrincipals"), j), true, problems);
        if (key != null) {
          denied.putIfAbsent(key, deniedPrincipals.get(j));
        }
      }
      Set<String> exceptions = new HashSet<>();
      for (int j = 0; j < rule.exceptionPrincipals().size(); j++) {
        String key = MemberForms.denyPrincipalKey(rule.exceptionPrincipals().get(j),
            Fields.at(Fields.at(location, "exceptionPrincipals"), j), false, problems);
        if (key != null) {
          exceptions.add(key);
        }
      }
      boolean covered = permissions(rule.deniedPermissions(), Fields.at(location, "deniedPermissions"),
          v2Permission, problems);
      boolean excepted = permissions(rule.exceptionPermissions(),
          Fields.at(location, "exceptionPermissions"), v2Permission, problems);
      CompiledCondition compiled = ConditionChecks.compile(rule.denialCondition(),
          Fields.at(location, "denialCondition"), false, compiler, problems);
      if (covered && !excepted && !denied.isEmpty()) {
        entries.add(new DenyRuleEntry(i, rule.description(), denied, exceptions, rule.denialCondition(),
            compiled));
      }
    }
    return entries;
  }

  /** Whether any listed permission covers {@code v2Permission}; reports malformed entries. */
  private static boolean permissions(List<String> listed, String location, String v2Permission,
      ProblemList problems) {
    boolean covers = false;
    for (int j = 0; j < listed.size(); j++) {
      String permission = listed.get(j);
      if (!DenyPermissions.isV2(permission)) {
        String hint = DenyPermissions.isV1(permission)
            ? " (deny policies use the v2 form: " + DenyPermissions.toV2(permission) + ")"
            : " (expected SERVICE_FQDN/RESOURCE.ACTION, e.g. run.googleapis.com/routes.invoke)";
        problems.error(PolicyProblemCode.MALFORMED_PERMISSION, Fields.at(location, j),
            "\"" + permission + "\" is not a deny-policy permission" + hint);
        continue;
      }
      covers |= DenyPermissions.covers(permission, v2Permission);
    }
    return covers;
  }
}
