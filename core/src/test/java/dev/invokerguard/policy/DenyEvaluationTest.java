package dev.invokerguard.policy;

import static dev.invokerguard.policy.TestCallers.at;
import static dev.invokerguard.policy.TestCallers.caller;
import static org.assertj.core.api.Assertions.assertThat;

import dev.invokerguard.identity.Caller;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Deny rules are evaluated before allow bindings and win. */
class DenyEvaluationTest {
  private static final String EVERYONE = """
      {"bindings":[{"role":"roles/run.invoker","members":["allUsers"]}]}""";
  private static final PolicyEvaluator EVALUATOR = evaluator(EVERYONE, "deny-policy.json");

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("group member denied", caller("user:c@example.com", "group:contractors@example.com"),
            "/", 0),
        Arguments.of("exception principal not denied",
            caller("user:lead@example.com", "group:contractors@example.com"), "/", null),
        Arguments.of("service account denied by service wildcard",
            caller("serviceAccount:old@my-project.iam.gserviceaccount.com"), "/", 1),
        Arguments.of("public:all with condition true denies anonymous", Caller.ANONYMOUS, "/admin/x", 2),
        Arguments.of("public:all with condition true denies authenticated", caller("user:x@example.com"),
            "/admin/x", 2),
        Arguments.of("condition false does not deny", Caller.ANONYMOUS, "/home", null),
        Arguments.of("rule for another permission ignored", caller("user:alice@example.com"), "/", null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void evaluateWhenDenyRulesThenDeniedByExpectedRule(String name, Caller caller, String path, Integer rule) {
    PolicyOutcome outcome = EVALUATOR.evaluate(caller, at(path));

    if (rule == null) {
      assertThat(outcome.reason()).isEqualTo(PolicyOutcome.Reason.GRANTED);
    } else {
      assertThat(outcome.reason()).isEqualTo(PolicyOutcome.Reason.DENIED_BY_RULE);
      assertThat(outcome.deniedBy().ruleIndex()).isEqualTo(rule);
      assertThat(outcome.deniedBy().source()).isEqualTo("deny-policy.json");
    }
  }

  @Test
  void evaluateWhenDeniedThenRuleDescribed() {
    PolicyOutcome outcome = EVALUATOR.evaluate(Caller.ANONYMOUS, at("/admin/"));

    assertThat(outcome.deniedBy()).isEqualTo(new DeniedBy("deny-policy.json",
        "policies/cloudresourcemanager.googleapis.com%2Fprojects%2Fmy-project/denypolicies/block-invoke", 2,
        "Nobody reaches /admin/ on weekends", "principalSet://goog/public:all", "admin paths"));
  }

  @Test
  void evaluateWhenDenialConditionFailsThenRuleApplies() {
    PolicyEvaluator evaluator = evaluatorWithDeny(EVERYONE, """
        {"rules":[{"denyRule":{"deniedPrincipals":["principalSet://goog/public:all"],
          "deniedPermissions":["run.googleapis.com/routes.invoke"],
          "denialCondition":{"title":"flaky","expression":"request.time < timestamp('2024-13-45T00:00:00Z')"}}}]}""");

    PolicyOutcome outcome = evaluator.evaluate(Caller.ANONYMOUS, at("/"));

    assertThat(outcome.reason()).isEqualTo(PolicyOutcome.Reason.DENIED_BY_RULE);
    assertThat(outcome.notes()).singleElement().asString().contains("\"flaky\"", "it applies");
  }

  @Test
  void evaluateWhenGroupsUnknownAndRuleNamesGroupThenDenied() {
    Caller unknownGroups = caller("user:c@example.com").withGroupLookupFailed();

    PolicyOutcome outcome = EVALUATOR.evaluate(unknownGroups, at("/"));

    assertThat(outcome.reason()).isEqualTo(PolicyOutcome.Reason.DENIED_BY_RULE);
    assertThat(outcome.deniedBy().principal()).isEqualTo("principalSet://goog/group/contractors@example.com");
  }

  @Test
  void evaluateWhenExceptionPermissionCoversPermissionThenRuleIgnored() {
    PolicyEvaluator evaluator = evaluatorWithDeny(EVERYONE, """
        {"rules":[{"denyRule":{"deniedPrincipals":["principalSet://goog/public:all"],
          "deniedPermissions":["run.googleapis.com/*"],
          "exceptionPermissions":["run.googleapis.com/*.invoke"]}}]}""");

    assertThat(evaluator.evaluate(Caller.ANONYMOUS, at("/")).allowed()).isTrue();
  }

  @Test
  void evaluateWhenDeniedAndNotGrantedThenDenyReasonWins() {
    PolicyEvaluator evaluator = evaluator("{\"bindings\":[]}", "deny-policy.json");

    assertThat(evaluator.evaluate(Caller.ANONYMOUS, at("/admin/")).reason())
        .isEqualTo(PolicyOutcome.Reason.DENIED_BY_RULE);
  }

  private static PolicyEvaluator evaluator(String allowJson, String denyResource) {
    PolicyLoader loader = TestPolicies.loader();
    return PolicyEvaluator.of(
        List.of(loader.loadAllowOrThrow(PolicyText.json("allow.json", allowJson), PolicyLayer.SERVICE)),
        List.of(loader.loadDenyOrThrow(TestPolicies.resource(denyResource))));
  }

  private static PolicyEvaluator evaluatorWithDeny(String allowJson, String denyJson) {
    PolicyLoader loader = TestPolicies.loader();
    return PolicyEvaluator.of(
        List.of(loader.loadAllowOrThrow(PolicyText.json("allow.json", allowJson), PolicyLayer.SERVICE)),
        List.of(loader.loadDenyOrThrow(PolicyText.json("deny.json", denyJson))));
  }
}
