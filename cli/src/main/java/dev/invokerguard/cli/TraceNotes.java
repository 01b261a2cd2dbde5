package dev.invokerguard.cli;

import dev.invokerguard.policy.DenyPolicy;
import dev.invokerguard.policy.DenyRule;
import dev.invokerguard.policy.PolicyProblem;
import dev.invokerguard.policy.PolicyProblemCode;
import dev.invokerguard.policy.PolicyTrace;
import dev.invokerguard.policy.PolicyTrace.BindingStep;
import dev.invokerguard.policy.PolicyTrace.DenyRuleStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a trace cannot know and the command line does: a {@code group:} member that did not match because
 * no group membership was given, a {@code domain:} member that did not match because the caller has no
 * {@code hd} claim, and a binding whose role is unknown, said as {@code lint} says it.
 */
final class TraceNotes {
  static final String GROUPS_UNKNOWN = "group membership unknown: pass --groups (or --groups-file)";
  static final String DOMAIN_HD_ONLY = "domain: matches only the token's hd claim";
  private static final String GROUP_PRINCIPAL = "principalSet://goog/group/";
  private static final Set<PolicyProblemCode> ROLE_PROBLEMS = Set.of(PolicyProblemCode.UNKNOWN_ROLE,
      PolicyProblemCode.WITHCOND_ROLE);

  /**
   * @param groupsKnown whether the caller's groups were given ({@code --groups}, {@code --groups-file},
   *     {@code group:} members in {@code --member})
   * @param anonymous whether the caller is anonymous (group and domain members can never match then)
   * @param hasDomain whether the caller matches a {@code domain:} member
   * @param byToken whether the caller comes from {@code --token} rather than {@code --member}
   * @param warnings the policies' load warnings
   * @param denyPolicies the deny policies by source
   */
  record Context(boolean groupsKnown, boolean anonymous, boolean hasDomain, boolean byToken,
      List<PolicyProblem> warnings, Map<String, DenyPolicy> denyPolicies) {}

  private TraceNotes() {}

  static PolicyTrace annotate(PolicyTrace trace, Context context) {
    List<DenyRuleStep> rules = new ArrayList<>();
    for (DenyRuleStep rule : trace.denyRules()) {
      rules.add(withWhy(rule, why(rule, context)));
    }
    List<BindingStep> bindings = new ArrayList<>();
    for (BindingStep binding : trace.bindings()) {
      bindings.add(withWhy(binding, why(binding, context)));
    }
    return new PolicyTrace(rules, bindings);
  }

  private static String why(DenyRuleStep rule, Context context) {
    DenyPolicy policy = context.denyPolicies().get(rule.source());
    if (context.groupsKnown() || context.anonymous() || !rule.coversPermission() || policy == null
        || rule.index() >= policy.rules().size()) {
      return rule.why();
    }
    DenyRule written = policy.rules().get(rule.index());
    if (!rule.applies() && rule.matchedPrincipals().isEmpty() && namesGroup(written.deniedPrincipals())) {
      return rule.why() + "; " + GROUPS_UNKNOWN;
    }
    if (rule.applies() && namesGroup(written.exceptionPrincipals())) {
      return rule.why() + "; its exceptions name groups, and " + GROUPS_UNKNOWN;
    }
    return rule.why();
  }

  private static boolean namesGroup(List<String> principals) {
    return principals.stream().anyMatch(p -> p.startsWith(GROUP_PRINCIPAL));
  }

  private static String why(BindingStep binding, Context context) {
    if (binding.applies()) {
      return binding.why();
    }
    if (!binding.roleGrants()) {
      for (PolicyProblem warning : context.warnings()) {
        if (ROLE_PROBLEMS.contains(warning.code()) && warning.source().equals(binding.source())
            && warning.location().equals("bindings[" + binding.index() + "].role")) {
          return warning.message() + (warning.code() == PolicyProblemCode.UNKNOWN_ROLE
              && !binding.role().startsWith("roles/") ? " (--custom-roles FILE defines it)" : "");
        }
      }
      return binding.why();
    }
    if (!binding.matchedMembers().isEmpty() || context.anonymous()) {
      return binding.why();
    }
    List<String> notes = new ArrayList<>();
    if (!context.groupsKnown() && binding.members().stream().anyMatch(m -> m.startsWith("group:"))) {
      notes.add(GROUPS_UNKNOWN);
    }
    if (!context.hasDomain() && binding.members().stream().anyMatch(m -> m.startsWith("domain:"))) {
      notes.add(DOMAIN_HD_ONLY + (context.byToken() ? ", and the token has none (--hd simulates one)"
          : ", never the email's suffix: pass --hd to simulate one"));
    }
    return notes.isEmpty() ? binding.why() : binding.why() + "; " + String.join("; ", notes);
  }

  private static DenyRuleStep withWhy(DenyRuleStep r, String why) {
    return why.equals(r.why()) ? r : new DenyRuleStep(r.source(), r.index(), r.description(),
        r.coversPermission(), r.matchedPrincipals(), r.excepted(), r.conditionTitle(), r.conditionExpression(),
        r.conditionValue(), r.conditionError(), r.applies(), why);
  }

  private static BindingStep withWhy(BindingStep b, String why) {
    return why.equals(b.why()) ? b : new BindingStep(b.layer(), b.source(), b.index(), b.role(), b.roleGrants(),
        b.members(), b.matchedMembers(), b.conditionTitle(), b.conditionExpression(), b.conditionValue(),
        b.conditionError(), b.applies(), why);
  }
}
