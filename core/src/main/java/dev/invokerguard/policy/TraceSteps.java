package dev.invokerguard.policy;

import dev.invokerguard.identity.Caller;
import dev.invokerguard.policy.PolicyTrace.BindingStep;
import dev.invokerguard.policy.PolicyTrace.ConditionValue;
import dev.invokerguard.policy.PolicyTrace.DenyRuleStep;
import dev.invokerguard.policy.PolicyTracer.DenyVisit;
import dev.invokerguard.policy.PolicyTracer.GrantVisit;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Turns the visits of one evaluation into a {@link PolicyTrace}: every deny rule and binding as written, a
 * visited one with what the evaluator found, the others with why the evaluator never looked at them (the
 * rule or role does not cover the permission, no member matches, or the outcome was settled before).
 */
final class TraceSteps {
  private TraceSteps() {}

  static PolicyTrace trace(List<LoadedAllowPolicy> allow, List<LoadedDenyPolicy> deny, Caller caller,
      PolicyOutcome outcome, List<DenyVisit> denials, List<GrantVisit> grants) {
    String settled = settledBy(outcome);
    List<DenyRuleStep> rules = new ArrayList<>();
    for (LoadedDenyPolicy policy : deny) {
      for (int i = 0; i < policy.policy().rules().size(); i++) {
        rules.add(denyStep(policy, i, caller, denials, settled));
      }
    }
    List<BindingStep> bindings = new ArrayList<>();
    for (LoadedAllowPolicy policy : allow) {
      for (int i = 0; i < policy.policy().bindings().size(); i++) {
        bindings.add(bindingStep(policy, i, caller, grants, settled));
      }
    }
    return new PolicyTrace(rules, bindings);
  }

  private static String settledBy(PolicyOutcome outcome) {
    if (outcome.deniedBy() != null) {
      DeniedBy by = outcome.deniedBy();
      return "not evaluated: " + by.source() + " rules[" + by.ruleIndex() + "] denies first";
    }
    if (outcome.grantedBy() != null) {
      GrantedBy by = outcome.grantedBy();
      return "not evaluated: " + by.source() + " bindings[" + by.bindingIndex() + "] grants first";
    }
    return "not evaluated";
  }

  private static DenyRuleStep denyStep(LoadedDenyPolicy policy, int index, Caller caller, List<DenyVisit> visits,
      String settled) {
    DenyRule written = policy.policy().rules().get(index);
    Condition condition = written.denialCondition();
    String title = condition == null ? null : condition.title();
    String expression = condition == null ? null : condition.expression();
    ConditionValue unevaluated = condition == null ? ConditionValue.NONE : ConditionValue.NOT_EVALUATED;
    DenyRuleEntry rule = null;
    for (DenyRuleEntry entry : policy.rules()) {
      if (entry.ruleIndex() == index) {
        rule = entry;
      }
    }
    if (rule == null) {
      return new DenyRuleStep(policy.source(), index, written.description(), false, List.of(), false, title,
          expression, unevaluated, null, false, "the rule does not deny " + policy.permission());
    }
    List<String> matched = new ArrayList<>();
    rule.denied().forEach((key, principal) -> {
      if (MemberForms.deniedMatches(key, caller.members())) {
        matched.add(principal);
      }
    });
    DenyVisit visit = null;
    for (DenyVisit candidate : visits) {
      if (candidate.policy() == policy && candidate.rule() == rule && (visit == null || candidate.applies())) {
        visit = candidate;
      }
    }
    if (visit == null) {
      return new DenyRuleStep(policy.source(), index, rule.description(), true, matched, false, title,
          expression, unevaluated, null, false, matched.isEmpty()
              ? "no denied principal matches " + caller.principal() : settled);
    }
    if (visit.excepted()) {
      return new DenyRuleStep(policy.source(), index, rule.description(), true, matched, true, title,
          expression, unevaluated, null, false, "an exception principal matches");
    }
    ConditionValue value = valueOf(visit.condition());
    String error = visit.condition() == null ? null : visit.condition().error();
    String who = visit.groupsUnknown() ? "the caller's groups are unknown and the rule denies "
        + visit.principal() + ", so it is taken to match," : "denied principal " + visit.principal() + " matches";
    String why = switch (value) {
      case NONE -> who + (visit.groupsUnknown() ? " and it applies" : "");
      case TRUE -> who + " and the denial condition is true";
      case FALSE -> who + " but the denial condition is false";
      default -> who + " and the denial condition could not be evaluated (" + error + "): the rule applies";
    };
    return new DenyRuleStep(policy.source(), index, rule.description(), true, matched, false, title, expression,
        value, error, visit.applies(), why);
  }

  private static BindingStep bindingStep(LoadedAllowPolicy policy, int index, Caller caller,
      List<GrantVisit> visits, String settled) {
    Binding binding = policy.policy().bindings().get(index);
    Condition condition = binding.condition();
    String title = condition == null ? null : condition.title();
    String expression = condition == null ? null : condition.expression();
    ConditionValue unevaluated = condition == null ? ConditionValue.NONE : ConditionValue.NOT_EVALUATED;
    boolean roleGrants = policy.roleGrants(index);
    if (!roleGrants) {
      return new BindingStep(policy.layer(), policy.source(), index, binding.role(), false, binding.members(),
          writtenMatches(policy, binding, caller), title, expression, unevaluated, null, false,
          "role " + binding.role() + " does not carry " + policy.permission());
    }
    List<String> matched = new ArrayList<>();
    for (Grant grant : policy.grants()) {
      if (grant.bindingIndex() == index && caller.members().contains(grant.key())) {
        matched.add(grant.member());
      }
    }
    GrantVisit visit = null;
    for (GrantVisit candidate : visits) {
      if (candidate.policy() == policy && candidate.grant().bindingIndex() == index
          && (visit == null || candidate.applies())) {
        visit = candidate;
      }
    }
    if (visit == null) {
      String why = !matched.isEmpty() ? settled : "no member matches " + caller.principal()
          + (caller.groupLookupFailed() && binding.members().stream().anyMatch(m -> m.startsWith("group:"))
              ? "; the caller's groups are unknown, so group: members do not match" : "");
      return new BindingStep(policy.layer(), policy.source(), index, binding.role(), true, binding.members(),
          matched, title, expression, unevaluated, null, false, why);
    }
    ConditionValue value = valueOf(visit.condition());
    String error = visit.condition() == null ? null : visit.condition().error();
    String member = visit.grant().member();
    if (visit.groupLookup() != null) {
      String lookup = visit.groupLookup();
      String why = switch (value) {
        case NONE -> lookup + (visit.applies() ? " and the binding is unconditional" : "");
        case TRUE -> lookup + (visit.applies() ? " and the condition is true" : " (the condition is true)");
        default -> lookup;
      };
      return new BindingStep(policy.layer(), policy.source(), index, binding.role(), true, binding.members(),
          visit.applies() ? List.of(member) : matched, title, expression, value, error, visit.applies(), why);
    }
    String why = switch (value) {
      case NONE -> "member " + member + " matches and the binding is unconditional";
      case TRUE -> "member " + member + " matches and the condition is true";
      case FALSE -> "member " + member + " matches but the condition is false";
      default -> "member " + member + " matches but the condition could not be evaluated (" + error
          + "): the binding does not grant";
    };
    return new BindingStep(policy.layer(), policy.source(), index, binding.role(), true, binding.members(),
        matched, title, expression, value, error, visit.applies(), why);
  }

  /** The members of a binding whose role grants nothing that the caller matches, as written. */
  private static List<String> writtenMatches(LoadedAllowPolicy policy, Binding binding, Caller caller) {
    List<String> matched = new ArrayList<>();
    for (String member : binding.members()) {
      String key = MemberForms.allowMemberKey(member, "", policy.layer(), new ProblemList(policy.source()));
      if (key != null && caller.members().contains(key)) {
        matched.add(member);
      }
    }
    return matched;
  }

  private static ConditionValue valueOf(@Nullable ConditionResult result) {
    if (result == null) {
      return ConditionValue.NONE;
    }
    return switch (result.outcome()) {
      case TRUE -> ConditionValue.TRUE;
      case FALSE -> ConditionValue.FALSE;
      case ERROR -> ConditionValue.ERROR;
    };
  }
}
