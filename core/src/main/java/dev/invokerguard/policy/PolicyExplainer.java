package dev.invokerguard.policy;

import dev.invokerguard.Internal;
import dev.invokerguard.identity.Caller;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Traces how the evaluator from {@link PolicyEvaluator#of} reaches its outcome: every binding and deny rule
 * with the members it matched and its condition's value. The evaluator's own outcome is the decision; the
 * trace explains it.
 */
@Internal
public final class PolicyExplainer {
  private PolicyExplainer() {}

  /** The trace, or empty for an evaluator not built by {@link PolicyEvaluator#of}. */
  public static Optional<PolicyTrace> trace(PolicyEvaluator evaluator, Caller caller,
      RequestAttributes request) {
    if (!(evaluator instanceof IamPolicyEvaluator iam)) {
      return Optional.empty();
    }
    ConditionContext context = new ConditionContext(request.host(), request.path(), request.time());
    List<PolicyTrace.DenyRuleStep> denials = new ArrayList<>();
    for (LoadedDenyPolicy policy : iam.denyPolicies()) {
      Map<Integer, DenyRuleEntry> covering = new HashMap<>();
      policy.rules().forEach(r -> covering.put(r.ruleIndex(), r));
      for (int i = 0; i < policy.policy().rules().size(); i++) {
        denials.add(denyStep(policy, i, covering.get(i), caller, context));
      }
    }
    List<PolicyTrace.BindingStep> bindings = new ArrayList<>();
    for (LoadedAllowPolicy policy : iam.allowPolicies()) {
      for (int i = 0; i < policy.policy().bindings().size(); i++) {
        bindings.add(bindingStep(policy, i, caller, context));
      }
    }
    return Optional.of(new PolicyTrace(denials, bindings));
  }

  private static PolicyTrace.BindingStep bindingStep(LoadedAllowPolicy policy, int index, Caller caller,
      ConditionContext context) {
    Binding binding = policy.policy().bindings().get(index);
    boolean roleGrants = policy.roleGrants(index);
    List<String> matched = new ArrayList<>();
    CompiledCondition compiled = null;
    for (int j = 0; j < binding.members().size(); j++) {
      String key = MemberForms.allowMemberKey(binding.members().get(j), "", policy.layer(),
          new ProblemList(policy.source()));
      if (key != null && caller.members().contains(key)) {
        matched.add(binding.members().get(j));
      }
    }
    for (Grant grant : policy.grants()) {
      if (grant.bindingIndex() == index) {
        compiled = grant.compiled();
        break;
      }
    }
    Condition condition = binding.condition();
    PolicyTrace.ConditionValue value = condition == null ? PolicyTrace.ConditionValue.NONE
        : PolicyTrace.ConditionValue.NOT_EVALUATED;
    String error = null;
    String why;
    boolean applies = false;
    if (!roleGrants) {
      why = "role " + binding.role() + " does not carry " + policy.permission();
    } else if (matched.isEmpty()) {
      why = "no member matches " + caller.principal();
    } else if (condition == null) {
      applies = true;
      why = "member " + matched.get(0) + " matches and the binding is unconditional";
    } else {
      ConditionResult result = evaluate(compiled, context);
      value = valueOf(result);
      error = result.error();
      applies = value == PolicyTrace.ConditionValue.TRUE;
      why = switch (value) {
        case TRUE -> "member " + matched.get(0) + " matches and the condition is true";
        case FALSE -> "member " + matched.get(0) + " matches but the condition is false";
        default -> "the condition could not be evaluated (" + error + "): the binding does not grant";
      };
    }
    return new PolicyTrace.BindingStep(policy.layer(), policy.source(), index, binding.role(), roleGrants,
        binding.members(), matched, condition == null ? null : condition.title(),
        condition == null ? null : condition.expression(), value, error, applies, why);
  }

  private static PolicyTrace.DenyRuleStep denyStep(LoadedDenyPolicy policy, int index, DenyRuleEntry rule,
      Caller caller, ConditionContext context) {
    DenyRule written = policy.policy().rules().get(index);
    Condition condition = written.denialCondition();
    String title = condition == null ? null : condition.title();
    String expression = condition == null ? null : condition.expression();
    PolicyTrace.ConditionValue none = condition == null ? PolicyTrace.ConditionValue.NONE
        : PolicyTrace.ConditionValue.NOT_EVALUATED;
    if (rule == null) {
      return new PolicyTrace.DenyRuleStep(policy.source(), index, written.description(), false, List.of(),
          false, title, expression, none, null, false, "the rule does not deny " + policy.permission());
    }
    List<String> matched = new ArrayList<>();
    rule.denied().forEach((key, principal) -> {
      if (MemberForms.deniedMatches(key, caller.members())) {
        matched.add(principal);
      }
    });
    boolean excepted = caller.members().stream().anyMatch(rule.exceptions()::contains);
    if (matched.isEmpty() || excepted) {
      return new PolicyTrace.DenyRuleStep(policy.source(), index, rule.description(), true, matched, excepted,
          title, expression, none, null, false, matched.isEmpty()
              ? "no denied principal matches " + caller.principal() : "an exception principal matches");
    }
    if (rule.compiled() == null) {
      return new PolicyTrace.DenyRuleStep(policy.source(), index, rule.description(), true, matched, false,
          title, expression, none, null, true, "denied principal " + matched.get(0) + " matches");
    }
    ConditionResult result = evaluate(rule.compiled(), context);
    PolicyTrace.ConditionValue value = valueOf(result);
    boolean applies = value != PolicyTrace.ConditionValue.FALSE;
    String why = switch (value) {
      case TRUE -> "denied principal " + matched.get(0) + " matches and the denial condition is true";
      case FALSE -> "denied principal " + matched.get(0) + " matches but the denial condition is false";
      default -> "the denial condition could not be evaluated (" + result.error() + "): the rule applies";
    };
    return new PolicyTrace.DenyRuleStep(policy.source(), index, rule.description(), true, matched, false,
        title, expression, value, result.error(), applies, why);
  }

  private static ConditionResult evaluate(CompiledCondition condition, ConditionContext context) {
    if (condition == null) {
      return ConditionResult.error("the condition did not compile");
    }
    try {
      ConditionResult result = condition.evaluate(context);
      return result == null ? ConditionResult.error("the condition gave no result") : result;
    } catch (RuntimeException e) {
      return ConditionResult.error(e.toString());
    }
  }

  private static PolicyTrace.ConditionValue valueOf(ConditionResult result) {
    return switch (result.outcome()) {
      case TRUE -> PolicyTrace.ConditionValue.TRUE;
      case FALSE -> PolicyTrace.ConditionValue.FALSE;
      case ERROR -> PolicyTrace.ConditionValue.ERROR;
    };
  }
}
