package dev.invokerguard.policy;

import static dev.invokerguard.policy.TestCallers.at;
import static dev.invokerguard.policy.TestCallers.caller;
import static org.assertj.core.api.Assertions.assertThat;

import dev.invokerguard.identity.Caller;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalLayerTest {
  private static final String SERVICE = """
      {"bindings": [{"role": "roles/run.invoker", "members": ["user:alice@example.com"]}]}""";
  private static final String LOCAL = """
      {"bindings": [
        {"role": "roles/run.invoker", "members": ["allUsers"],
         "condition": {"title": "docs", "expression": "request.path.startsWith('/docs/')"}},
        {"role": "roles/run.invoker", "members": ["allAuthenticatedUsers"],
         "condition": {"title": "api", "expression": "request.path.startsWith('/api/')"}}]}""";

  private final PolicyLoader loader = TestPolicies.loader();

  @Test
  void loadAllowWhenLocalLayerGrantsPublicMembersUnderConditionsThenLoadsWithoutProblems() {
    LoadResult<LoadedAllowPolicy> result = loader.loadAllow(PolicyText.json("local.json", LOCAL), PolicyLayer.LOCAL);

    assertThat(result.isLoaded()).isTrue();
    assertThat(result.errors()).isEmpty();
    assertThat(result.warnings()).isEmpty();
  }

  @Test
  void evaluateWhenServiceAndLocalLayersThenUnionOfBoth() {
    PolicyEvaluator evaluator = PolicyEvaluator.of(List.of(
        loader.loadAllowOrThrow(PolicyText.json("service.json", SERVICE), PolicyLayer.SERVICE),
        loader.loadAllowOrThrow(PolicyText.json("local.json", LOCAL), PolicyLayer.LOCAL)), List.of());

    assertThat(evaluator.evaluate(caller("user:alice@example.com"), at("/private")).grantedBy().layer())
        .isEqualTo(PolicyLayer.SERVICE);
    assertThat(evaluator.evaluate(Caller.ANONYMOUS, at("/docs/x")).grantedBy().layer())
        .isEqualTo(PolicyLayer.LOCAL);
    assertThat(evaluator.evaluate(caller("user:bob@example.com"), at("/api/x")).grantedBy().member())
        .isEqualTo("allAuthenticatedUsers");
    assertThat(evaluator.evaluate(Caller.ANONYMOUS, at("/api/x")).allowed()).isFalse();
    assertThat(evaluator.evaluate(caller("user:bob@example.com"), at("/private")).allowed()).isFalse();
  }

  @Test
  void loadAllowWhenServiceLayerGrantsAllUsersWithoutConditionThenOpenToAllUsersWarning() {
    PolicyText open = PolicyText.json("service.json", """
        {"bindings": [{"role": "roles/run.invoker", "members": ["user:a@example.com", "allUsers"]}]}""");

    LoadResult<LoadedAllowPolicy> service = loader.loadAllow(open, PolicyLayer.SERVICE);
    LoadResult<LoadedAllowPolicy> local = loader.loadAllow(open, PolicyLayer.LOCAL);

    assertThat(service.isLoaded()).isTrue();
    assertThat(service.warnings()).singleElement().satisfies(w -> {
      assertThat(w.code()).isEqualTo(PolicyProblemCode.SERVICE_OPEN_TO_ALL_USERS);
      assertThat(w.location()).isEqualTo("bindings[0]");
      assertThat(w.message()).contains("--no-invoker-iam-check", "allUsers", "EVERY request");
    });
    assertThat(local.warnings()).isEmpty();
  }

  @Test
  void loadAllowWhenServiceAllUsersHasConditionOrRoleWithoutPermissionThenNoOpenWarning() {
    PolicyText conditional = PolicyText.json("service.json", """
        {"bindings": [{"role": "roles/run.invoker", "members": ["allUsers"],
          "condition": {"title": "p", "expression": "request.path.startsWith('/p/')"}},
          {"role": "roles/run.viewer", "members": ["allUsers"]}]}""");

    assertThat(loader.loadAllow(conditional, PolicyLayer.SERVICE).warnings())
        .extracting(PolicyProblem::code).doesNotContain(PolicyProblemCode.SERVICE_OPEN_TO_ALL_USERS);
  }
}
