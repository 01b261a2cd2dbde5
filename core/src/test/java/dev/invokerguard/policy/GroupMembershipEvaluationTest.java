package dev.invokerguard.policy;

import static dev.invokerguard.policy.TestCallers.at;
import static dev.invokerguard.policy.TestCallers.caller;
import static org.assertj.core.api.Assertions.assertThat;

import dev.invokerguard.identity.GroupMembership;
import dev.invokerguard.identity.GroupMembership.Answer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The evaluator asking a {@link GroupMembership} one group at a time, and only about groups that could decide. */
class GroupMembershipEvaluationTest {
  private static final String ALLOW = """
      {"version": 3, "bindings": [
        {"role": "roles/run.invoker", "members": ["user:carol@example.com"]},
        {"role": "roles/run.viewer", "members": ["group:viewers@example.com"]},
        {"role": "roles/run.invoker", "members": ["group:ops@example.com"],
         "condition": {"title": "ops", "expression": "request.path.startsWith('/ops')"}},
        {"role": "roles/run.invoker", "members": ["group:eng@example.com", "group:all@example.com"]}
      ]}""";
  private static final String DENY = """
      {"name": "policies/x/denypolicies/d", "rules": [
        {"denyRule": {"deniedPrincipals": ["principalSet://goog/group/night@example.com"],
          "deniedPermissions": ["run.googleapis.com/routes.invoke"],
          "denialCondition": {"title": "reports", "expression": "request.path.startsWith('/reports')"}}},
        {"denyRule": {"deniedPrincipals": ["principalSet://goog/group/contractors@example.com"],
          "exceptionPrincipals": ["principalSet://goog/group/leads@example.com"],
          "deniedPermissions": ["run.googleapis.com/routes.invoke"]}}
      ]}""";

  /** Answers from a map (unknown for groups it does not name) and records every question. */
  private static final class Recorded implements GroupMembership {
    final List<String> asked = new ArrayList<>();
    final Map<String, Answer> answers;

    Recorded(Map<String, Answer> answers) {
      this.answers = answers;
    }

    @Override
    public Answer check(String groupEmail) {
      asked.add(groupEmail);
      return answers.getOrDefault(groupEmail, Answer.unknown("lookup failed: HTTP 503"));
    }
  }

  private static PolicyEvaluator evaluator(boolean withDeny) {
    PolicyLoader loader = TestPolicies.loader();
    return PolicyEvaluator.of(List.of(loader.loadAllowOrThrow(PolicyText.json("allow.json", ALLOW),
        PolicyLayer.SERVICE)), withDeny ? List.of(loader.loadDenyOrThrow(PolicyText.json("deny.json", DENY)))
        : List.of());
  }

  @Test
  void evaluateWhenAUserBindingGrantsAndNoDenyRuleNamesAGroupThenNoGroupIsAsked() {
    Recorded groups = new Recorded(Map.of());

    PolicyOutcome outcome = evaluator(false).evaluate(caller("user:carol@example.com"), at("/ops/x"), groups);

    assertThat(outcome.allowed()).isTrue();
    assertThat(groups.asked).isEmpty();
  }

  @Test
  void evaluateWhenGroupsAreAskedThenInPolicyOrderSkippingOtherRolesAndFalseConditionsUntilOneGrants() {
    Recorded groups = new Recorded(Map.of("eng@example.com", Answer.notMember(),
        "all@example.com", Answer.member()));

    PolicyOutcome outcome = evaluator(false).evaluate(caller("user:dan@example.com"), at("/orders"), groups);

    assertThat(outcome.allowed()).isTrue();
    assertThat(outcome.grantedBy().member()).isEqualTo("group:all@example.com");
    assertThat(groups.asked).containsExactly("eng@example.com", "all@example.com");
  }

  @Test
  void evaluateWhenAMembershipIsUnknownThenItDoesNotGrantAndIsNoted() {
    Recorded groups = new Recorded(Map.of("all@example.com", Answer.notMember()));

    PolicyOutcome outcome = evaluator(false).evaluate(caller("user:dan@example.com"), at("/orders"), groups);

    assertThat(outcome.reason()).isEqualTo(PolicyOutcome.Reason.NO_BINDING);
    assertThat(outcome.notes()).singleElement().asString().contains("group membership unknown",
        "group:eng@example.com", "HTTP 503", "bindings[3] does not grant");
  }

  @Test
  void evaluateWhenTracedThenTheTraceSaysWhatEachLookupAnsweredAndWhatWasNotLookedUp() {
    Recorded groups = new Recorded(Map.of("eng@example.com", Answer.member()));
    PolicyTracer tracer = new PolicyTracer();

    PolicyOutcome outcome = tracer.evaluate(evaluator(false), caller("user:dan@example.com"), at("/orders"),
        groups);

    assertThat(outcome.allowed()).isTrue();
    List<PolicyTrace.BindingStep> bindings = tracer.trace().bindings();
    assertThat(bindings.get(2).why()).contains("condition is false", "was not looked up");
    assertThat(bindings.get(3).why()).contains("user:dan@example.com is in group:eng@example.com");
    assertThat(bindings.get(3).applies()).isTrue();
    assertThat(bindings.get(3).matchedMembers()).containsExactly("group:eng@example.com");
  }

  @Test
  void evaluateWhenADenyRuleNamesAGroupThenItIsAskedOnlyForAGrantedCallerAndOnlyWhenItsConditionHolds() {
    Map<String, Answer> answers = Map.of("contractors@example.com", Answer.notMember());
    Recorded granted = new Recorded(answers);
    Recorded nothing = new Recorded(answers);

    PolicyOutcome carol = evaluator(true).evaluate(caller("user:carol@example.com"), at("/orders"), granted);
    PolicyOutcome dan = evaluator(true).evaluate(caller("user:dan@example.com"), at("/ops/x"),
        new Recorded(Map.of("ops@example.com", Answer.notMember(), "eng@example.com", Answer.notMember(),
            "all@example.com", Answer.notMember())));
    PolicyOutcome nobody = evaluator(true).evaluate(caller("user:carol@example.com"), at("/reports/q"), nothing);

    assertThat(carol.allowed()).isTrue();
    assertThat(granted.asked).as("night's condition is false on /orders").containsExactly("contractors@example.com");
    assertThat(dan.allowed()).isFalse();
    assertThat(nobody.reason()).as("night@ unknown on /reports: the deny rule applies")
        .isEqualTo(PolicyOutcome.Reason.DENIED_BY_RULE);
    assertThat(nobody.notes()).anySatisfy(note -> assertThat(note).contains("group membership unknown",
        "deny rule"));
  }

  @Test
  void evaluateWhenTheCallerIsInADeniedGroupThenAnExceptionGroupExceptsOnlyWhenKnown() {
    PolicyOutcome lead = evaluator(true).evaluate(caller("user:carol@example.com"), at("/orders"),
        new Recorded(Map.of("contractors@example.com", Answer.member(), "leads@example.com", Answer.member())));
    PolicyOutcome unknownLead = evaluator(true).evaluate(caller("user:carol@example.com"), at("/orders"),
        new Recorded(Map.of("contractors@example.com", Answer.member())));

    assertThat(lead.allowed()).isTrue();
    assertThat(unknownLead.reason()).isEqualTo(PolicyOutcome.Reason.DENIED_BY_RULE);
  }

  @Test
  void evaluateWithoutAMembershipThenGroupMembersAreOnlyThoseTheCallerHolds() {
    PolicyOutcome held = evaluator(false).evaluate(caller("user:dan@example.com", "group:eng@example.com"),
        at("/orders"));
    PolicyOutcome notHeld = evaluator(false).evaluate(caller("user:dan@example.com"), at("/orders"));

    assertThat(held.allowed()).isTrue();
    assertThat(notHeld.allowed()).isFalse();
  }
}
