package dev.invokerguard.policy;

import static dev.invokerguard.policy.TestCallers.at;
import static dev.invokerguard.policy.TestCallers.caller;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invokerguard.identity.Caller;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PolicyEvaluatorTest {
  private static final PolicyEvaluator INVOKER = TestPolicies.resourceEvaluator("service-invoker.json");
  private static final PolicyEvaluator PUBLIC_PATHS =
      TestPolicies.resourceEvaluator("conditional-public-paths.json");

  static Stream<Arguments> decisions() {
    return Stream.of(
        Arguments.of("user listed", INVOKER, caller("user:alice@example.com"), "/", "user:Alice@Example.com"),
        Arguments.of("service account listed", INVOKER,
            caller("serviceAccount:caller@my-project.iam.gserviceaccount.com"), "/",
            "serviceAccount:caller@my-project.iam.gserviceaccount.com"),
        Arguments.of("same email as user is not the service account", INVOKER,
            caller("user:caller@my-project.iam.gserviceaccount.com"), "/", null),
        Arguments.of("role without the permission", INVOKER, caller("user:viewer@example.com"), "/", null),
        Arguments.of("stranger", INVOKER, caller("user:mallory@example.com"), "/", null),
        Arguments.of("anonymous", INVOKER, Caller.ANONYMOUS, "/", null),
        Arguments.of("allUsers under condition true", PUBLIC_PATHS, Caller.ANONYMOUS, "/public/a", "allUsers"),
        Arguments.of("allUsers under condition false", PUBLIC_PATHS, Caller.ANONYMOUS, "/private", null),
        Arguments.of("case is kept", PUBLIC_PATHS, Caller.ANONYMOUS, "/PUBLIC/a", null),
        Arguments.of("domain member via hd", PUBLIC_PATHS, caller("user:b@example.com", "domain:example.com"),
            "/x", "domain:example.com"),
        Arguments.of("email suffix is not the domain", PUBLIC_PATHS, caller("user:b@example.com"), "/x", null),
        Arguments.of("firebase uid", PUBLIC_PATHS, caller("firebase:uid-123"), "/x", "firebase:uid-123"),
        Arguments.of("firebase uid is case-sensitive", PUBLIC_PATHS, caller("firebase:UID-123"), "/x", null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("decisions")
  void evaluateWhenCallerAndPathThenGrantedByExpectedMember(String name, PolicyEvaluator evaluator,
      Caller caller, String path, String member) {
    PolicyOutcome outcome = evaluator.evaluate(caller, at(path));

    if (member == null) {
      assertThat(outcome.reason()).isEqualTo(PolicyOutcome.Reason.NO_BINDING);
      assertThat(outcome.grantedBy()).isNull();
    } else {
      assertThat(outcome.allowed()).isTrue();
      assertThat(outcome.grantedBy().member()).isEqualTo(member);
    }
  }

  @Test
  void evaluateWhenGroupBindingUnderHostConditionThenGrantsOnThatHostOnly() {
    Caller admin = caller("user:a@example.com", "group:admins@example.com");

    PolicyOutcome onAdminHost = PUBLIC_PATHS.evaluate(admin, at("admin.example.com", "/x"));
    PolicyOutcome elsewhere = PUBLIC_PATHS.evaluate(admin, at("svc.example.com", "/x"));

    assertThat(onAdminHost.grantedBy()).isEqualTo(new GrantedBy(PolicyLayer.SERVICE,
        "conditional-public-paths.json", 1, "roles/run.invoker", "group:admins@example.com", "admin host only"));
    assertThat(elsewhere.allowed()).isFalse();
  }

  @Test
  void evaluateWhenGroupLookupFailedThenGroupBindingDoesNotMatchAndIsNoted() {
    Caller admin = caller("user:a@example.com").withGroupLookupFailed();

    PolicyOutcome outcome = PUBLIC_PATHS.evaluate(admin, at("admin.example.com", "/x"));

    assertThat(outcome.reason()).isEqualTo(PolicyOutcome.Reason.NO_BINDING);
    assertThat(outcome.notes()).singleElement().asString().contains("groups of user:a@example.com are unknown");
  }

  @Test
  void evaluateWhenConditionFailsThenBindingDoesNotApplyAndIsNoted() {
    PolicyEvaluator evaluator = TestPolicies.serviceEvaluator("""
        {"version":3,"bindings":[{"role":"roles/run.invoker","members":["allUsers"],
          "condition":{"title":"flaky","expression":"request.time < timestamp('2024-13-45T00:00:00Z')"}}]}""");

    PolicyOutcome outcome = evaluator.evaluate(Caller.ANONYMOUS, at("/"));

    assertThat(outcome.reason()).isEqualTo(PolicyOutcome.Reason.NO_BINDING);
    assertThat(outcome.notes()).singleElement().asString().contains("\"flaky\"", "does not apply");
  }

  @Test
  void evaluateWhenProjectAndServiceLayersThenUnionAndProjectGrantReportedFirst() {
    PolicyLoader loader = TestPolicies.loader(RoleCatalog.builtIn().withCustomRoles(
        TestPolicies.resource("custom-roles.json")).orThrow());
    LoadedAllowPolicy project = loader.loadAllowOrThrow(TestPolicies.resource("project-policy.json"),
        PolicyLayer.PROJECT);
    LoadedAllowPolicy service = loader.loadAllowOrThrow(PolicyText.json("service.json",
        "{\"bindings\":[{\"role\":\"roles/run.invoker\",\"members\":[\"user:owner@example.com\","
            + "\"user:dev@example.com\"]}]}"), PolicyLayer.SERVICE);
    PolicyEvaluator evaluator = PolicyEvaluator.of(List.of(project, service), List.of());

    assertThat(evaluator.evaluate(caller("user:owner@example.com"), at("/")).grantedBy())
        .extracting(GrantedBy::layer, GrantedBy::role).containsExactly(PolicyLayer.PROJECT, "roles/owner");
    assertThat(evaluator.evaluate(caller("user:dev@example.com"), at("/")).grantedBy().layer())
        .isEqualTo(PolicyLayer.SERVICE);
    assertThat(evaluator.evaluate(caller("serviceAccount:deployer@my-project.iam.gserviceaccount.com"),
        at("/")).grantedBy().role()).isEqualTo("projects/my-project/roles/routeInvoker");
  }

  @Test
  void evaluateWhenWithcondRoleCarriesPermissionThenStillNeverGrants() {
    String role = "projects/p/roles/invoker_withcond_8a2cf1c77cc3b5b2a7c5";
    PolicyLoader loader = TestPolicies.loader(RoleCatalog.builtIn().withCustomRole(role,
        List.of("run.routes.invoke")));
    PolicyEvaluator evaluator = PolicyEvaluator.of(List.of(loader.loadAllowOrThrow(PolicyText.json("p.json",
        "{\"bindings\":[{\"role\":\"" + role + "\",\"members\":[\"allUsers\"]}]}"), PolicyLayer.SERVICE)),
        List.of());

    assertThat(evaluator.evaluate(Caller.ANONYMOUS, at("/")).allowed()).isFalse();
  }

  @Test
  void evaluateWhenDeletedMemberThenNeverMatches() {
    PolicyEvaluator evaluator = TestPolicies.serviceEvaluator("""
        {"bindings":[{"role":"roles/run.invoker","members":["deleted:user:bob@example.com?uid=42"]}]}""");

    assertThat(evaluator.evaluate(caller("user:bob@example.com"), at("/")).allowed()).isFalse();
  }

  @Test
  void evaluateWhenIamMaximumPolicyThenFindsTheOneMember() {
    StringBuilder json = new StringBuilder("{\"version\":1,\"bindings\":[");
    for (int b = 0; b < 100; b++) {
      List<String> members = new ArrayList<>();
      for (int m = 0; m < 15; m++) {
        members.add("\"user:u" + b + "-" + m + "@example.com\"");
      }
      json.append(b == 0 ? "" : ",").append("{\"role\":\"").append(b == 99 ? "roles/run.invoker" : "roles/run.admin")
          .append("\",\"members\":[").append(String.join(",", members)).append("]}");
    }
    PolicyEvaluator evaluator = TestPolicies.serviceEvaluator(json.append("]}").toString());

    assertThat(evaluator.evaluate(caller("user:u99-14@example.com"), at("/")).grantedBy().bindingIndex())
        .isEqualTo(99);
    assertThat(evaluator.evaluate(caller("user:u100-0@example.com"), at("/")).allowed()).isFalse();
  }

  @Test
  void ofWhenPermissionsDifferThenFails() {
    PolicyText text = TestPolicies.resource("bare-bindings.json");
    LoadedAllowPolicy invoke = TestPolicies.loader().loadAllowOrThrow(text, PolicyLayer.SERVICE);
    LoadedAllowPolicy jobs = PolicyLoader.builder().permission("run.jobs.run").build()
        .loadAllowOrThrow(text, PolicyLayer.SERVICE);

    assertThatThrownBy(() -> PolicyEvaluator.of(List.of(invoke, jobs), List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("different permissions");
  }

  @Test
  void evaluateWhenPermissionConfiguredThenOnlyRolesCarryingItGrant() {
    PolicyText policy = PolicyText.json("jobs.json", """
        {"bindings": [
          {"role": "roles/run.jobsExecutor", "members": ["user:ops@example.com"]},
          {"role": "roles/run.servicesInvoker", "members": ["user:web@example.com"]}]}""");
    PolicyEvaluator jobs = PolicyEvaluator.of(List.of(PolicyLoader.builder().permission("run.jobs.run").build()
        .loadAllowOrThrow(policy, PolicyLayer.SERVICE)), List.of());
    PolicyEvaluator routes = PolicyEvaluator.of(List.of(PolicyLoader.builder().build()
        .loadAllowOrThrow(policy, PolicyLayer.SERVICE)), List.of());

    assertThat(jobs.evaluate(caller("user:ops@example.com"), at("/")).allowed()).isTrue();
    assertThat(jobs.evaluate(caller("user:web@example.com"), at("/")).allowed()).isFalse();
    assertThat(routes.evaluate(caller("user:ops@example.com"), at("/")).allowed()).isFalse();
    assertThat(routes.evaluate(caller("user:web@example.com"), at("/")).allowed()).isTrue();
  }
}
