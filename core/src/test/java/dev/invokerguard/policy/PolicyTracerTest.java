package dev.invokerguard.policy;

import static dev.invokerguard.policy.TestCallers.at;
import static dev.invokerguard.policy.TestCallers.caller;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invokerguard.identity.Caller;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One evaluation, traced: the outcome and the trace come from the same visits. */
class PolicyTracerTest {
  private static final PolicyEvaluator EVALUATOR = TestPolicies.resourceEvaluator("guard-policy.json",
      "deny-policy.json");

  @Test
  void evaluateWhenTracedThenOutcomeIsTheUntracedOne() {
    Caller alice = caller("user:alice@example.com");
    PolicyTracer tracer = new PolicyTracer();

    PolicyOutcome traced = tracer.evaluate(EVALUATOR, alice, at("/private"));

    assertThat(traced).isEqualTo(EVALUATOR.evaluate(alice, at("/private")));
    assertThat(tracer.trace().bindings()).filteredOn(PolicyTrace.BindingStep::applies).singleElement()
        .satisfies(step -> assertThat(step.index()).isEqualTo(traced.grantedBy().bindingIndex()));
  }

  @Test
  void evaluateWhenGroupsUnknownThenTheGroupRuleThatDeniedIsTheOneThatApplies() {
    Caller unknownGroups = caller("user:c@example.com").withGroupLookupFailed();
    PolicyTracer tracer = new PolicyTracer();

    PolicyOutcome outcome = tracer.evaluate(EVALUATOR, unknownGroups, at("/private"));

    assertThat(outcome.deniedBy().ruleIndex()).isZero();
    PolicyTrace.DenyRuleStep rule = tracer.trace().denyRules().get(0);
    assertThat(rule.applies()).isTrue();
    assertThat(rule.matchedPrincipals()).isEmpty();
    assertThat(rule.why()).startsWith("the caller's groups are unknown and the rule denies"
        + " principalSet://goog/group/contractors@example.com");
    assertThat(tracer.trace().denyRules()).filteredOn(PolicyTrace.DenyRuleStep::applies).hasSize(1);
  }

  @Test
  void evaluateWhenDenialConditionFailsThenTracedAsErrorThatApplies() {
    PolicyLoader loader = TestPolicies.loader();
    PolicyEvaluator evaluator = PolicyEvaluator.of(List.of(loader.loadAllowOrThrow(PolicyText.json("allow.json",
        "{\"bindings\":[{\"role\":\"roles/run.invoker\",\"members\":[\"allUsers\"]}]}"), PolicyLayer.SERVICE)),
        List.of(loader.loadDenyOrThrow(PolicyText.json("deny.json", """
            {"rules":[{"denyRule":{"deniedPrincipals":["principalSet://goog/public:all"],
              "deniedPermissions":["run.googleapis.com/routes.invoke"],
              "denialCondition":{"title":"flaky",
                "expression":"request.time < timestamp('2024-13-45T00:00:00Z')"}}}]}"""))));
    PolicyTracer tracer = new PolicyTracer();

    tracer.evaluate(evaluator, Caller.ANONYMOUS, at("/"));

    assertThat(tracer.trace().denyRules()).singleElement().satisfies(rule -> {
      assertThat(rule.conditionValue()).isEqualTo(PolicyTrace.ConditionValue.ERROR);
      assertThat(rule.conditionError()).isNotBlank();
      assertThat(rule.applies()).isTrue();
    });
    assertThat(tracer.trace().bindings()).singleElement().satisfies(binding -> {
      assertThat(binding.applies()).isFalse();
      assertThat(binding.why()).isEqualTo("not evaluated: deny.json rules[0] denies first");
    });
  }

  @Test
  void evaluateWhenEvaluatorIsNotTheLoadedPolicysThenNoTrace() {
    PolicyTracer tracer = new PolicyTracer();

    PolicyOutcome outcome = tracer.evaluate((caller, request) -> new PolicyOutcome(PolicyOutcome.Reason.NO_BINDING,
        null, null, List.of()), Caller.ANONYMOUS, at("/"));

    assertThat(outcome.reason()).isEqualTo(PolicyOutcome.Reason.NO_BINDING);
    assertThat(tracer.trace()).isNull();
  }

  @Test
  void evaluateWhenTracerAlreadyUsedThenRefused() {
    PolicyTracer tracer = new PolicyTracer();
    tracer.evaluate(EVALUATOR, Caller.ANONYMOUS, at("/"));

    assertThatThrownBy(() -> tracer.evaluate(EVALUATOR, Caller.ANONYMOUS, at("/")))
        .isInstanceOf(IllegalStateException.class);
  }
}
