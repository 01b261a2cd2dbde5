package dev.invokerguard.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyLoaderTest {
  private final PolicyLoader loader = TestPolicies.loader();

  @Test
  void loadAllowWhenGcloudJsonThenModelIsTheDocument() {
    LoadedAllowPolicy loaded = loader.loadAllowOrThrow(TestPolicies.resource("service-invoker.json"),
        PolicyLayer.SERVICE);

    assertThat(loaded.policy().version()).isEqualTo(1);
    assertThat(loaded.policy().etag()).isEqualTo("BwYT5C8GiqY=");
    assertThat(loaded.policy().bindings()).containsExactly(
        new Binding("roles/run.invoker",
            List.of("serviceAccount:caller@my-project.iam.gserviceaccount.com", "user:Alice@Example.com"), null),
        new Binding("roles/viewer", List.of("user:viewer@example.com"), null));
    assertThat(loaded.layer()).isEqualTo(PolicyLayer.SERVICE);
    assertThat(loaded.permission()).isEqualTo("run.routes.invoke");
  }

  @Test
  void loadAllowWhenGcloudYamlThenSameModelAsJson() {
    IamPolicy json = loader.loadAllowOrThrow(TestPolicies.resource("service-invoker.json"),
        PolicyLayer.SERVICE).policy();
    IamPolicy yaml = loader.loadAllowOrThrow(TestPolicies.resource("service-invoker.yaml"),
        PolicyLayer.SERVICE).policy();

    assertThat(yaml).isEqualTo(json);
  }

  @Test
  void loadAllowWhenBareBindingsThenLoadsWithVersionZero() {
    LoadedAllowPolicy loaded = loader.loadAllowOrThrow(TestPolicies.resource("bare-bindings.json"),
        PolicyLayer.SERVICE);

    assertThat(loaded.policy().version()).isZero();
    assertThat(loaded.policy().etag()).isNull();
    assertThat(loaded.policy().bindings()).hasSize(1);
  }

  @Test
  void loadAllowWhenVersionThreeWithConditionsAndAuditConfigsThenConditionsKept() {
    LoadedAllowPolicy loaded = loader.loadAllowOrThrow(
        TestPolicies.resource("conditional-public-paths.json"), PolicyLayer.SERVICE);

    assertThat(loaded.policy().version()).isEqualTo(3);
    assertThat(loaded.policy().bindings().get(0).condition()).isEqualTo(new Condition(
        "request.path.startsWith(\"/public/\")", "public paths", "Anyone may read /public/"));
  }

  @Test
  void loadAllowWhenRoleNotInTableThenUnknownRoleWarningWithLocation() {
    LoadResult<LoadedAllowPolicy> result = loader.loadAllow(TestPolicies.resource("service-invoker.json"),
        PolicyLayer.SERVICE);

    assertThat(result.isLoaded()).isTrue();
    assertThat(result.warnings()).singleElement().satisfies(w -> {
      assertThat(w.code()).isEqualTo(PolicyProblemCode.UNKNOWN_ROLE);
      assertThat(w.location()).isEqualTo("bindings[1].role");
      assertThat(w.message()).contains("roles/viewer");
    });
    assertThat(result.value().warnings()).isEqualTo(result.warnings());
  }

  @Test
  void loadAllowWhenWithcondRoleThenWarningAndNoGrant() {
    LoadResult<LoadedAllowPolicy> result = loader.loadAllow(
        TestPolicies.resource("conditional-public-paths.json"), PolicyLayer.SERVICE);

    assertThat(result.warnings()).extracting(PolicyProblem::code, PolicyProblem::location)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(PolicyProblemCode.WITHCOND_ROLE,
            "bindings[3].role"));
    assertThat(result.value().grants()).extracting(Grant::bindingIndex).doesNotContain(3);
  }

  @Test
  void loadAllowWhenConditionWarnsThenLoadsWithConditionWarning() {
    LoadResult<LoadedAllowPolicy> result = loader.loadAllow(PolicyText.json("p.json", """
        {"bindings":[{"role":"roles/run.invoker","members":["allUsers"],
          "condition":{"title":"docs","expression":"request.path.contains(\\"/docs\\")"}}]}"""),
        PolicyLayer.SERVICE);

    assertThat(result.isLoaded()).isTrue();
    assertThat(result.warnings()).singleElement().satisfies(w -> {
      assertThat(w.code()).isEqualTo(PolicyProblemCode.CONDITION_WARNING);
      assertThat(w.location()).isEqualTo("bindings[0].condition.expression");
      assertThat(w.message()).contains("\"docs\"");
    });
  }

  @Test
  void loadAllowOrThrowWhenSeveralErrorsThenExceptionListsEveryOne() {
    PolicyText text = PolicyText.json("bad.json", """
        {"version": 3, "bindings": [
          {"role": "roles/run.invoker", "members": ["usr:a@example.com"]},
          {"role": "roles/run.invoker", "members": ["user:b@example.com"],
           "condition": {"expression": "request.path.startsWith(\\"/a\\")"}},
          {"role": "run.invoker", "members": ["user:c@example.com"]}
        ]}""");

    assertThatThrownBy(() -> loader.loadAllowOrThrow(text, PolicyLayer.SERVICE))
        .isInstanceOfSatisfying(PolicyLoadException.class, e -> {
          assertThat(e.code()).isEqualTo(PolicyProblemCode.UNKNOWN_MEMBER_PREFIX);
          assertThat(e.errors()).extracting(PolicyProblem::location).containsExactly(
              "bindings[0].members[0]", "bindings[1].condition.title", "bindings[2].role");
          assertThat(e.getMessage()).contains("bad.json", "usr:a@example.com");
        });
  }

  @Test
  void loadAllowWhenProjectLayerGrantsPublicMembersThenErrorForEach() {
    PolicyText text = PolicyText.json("project.json", """
        {"bindings":[{"role":"roles/run.invoker","members":["allUsers","user:a@example.com",
          "allAuthenticatedUsers"]}]}""");

    LoadResult<LoadedAllowPolicy> project = loader.loadAllow(text, PolicyLayer.PROJECT);
    LoadResult<LoadedAllowPolicy> service = loader.loadAllow(text, PolicyLayer.SERVICE);

    assertThat(project.isLoaded()).isFalse();
    assertThat(project.errors()).extracting(PolicyProblem::code, PolicyProblem::location).containsExactly(
        org.assertj.core.groups.Tuple.tuple(PolicyProblemCode.PUBLIC_MEMBER_IN_PROJECT_LAYER,
            "bindings[0].members[0]"),
        org.assertj.core.groups.Tuple.tuple(PolicyProblemCode.PUBLIC_MEMBER_IN_PROJECT_LAYER,
            "bindings[0].members[2]"));
    assertThat(service.isLoaded()).isTrue();
  }

  @Test
  void buildWhenPermissionIsNotServiceResourceVerbThenFails() {
    assertThatThrownBy(() -> PolicyLoader.builder().permission("run.googleapis.com/routes.invoke").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("service.resource.verb");
    assertThat(PolicyLoader.builder().permission("run.jobs.run").build().permission())
        .isEqualTo("run.jobs.run");
  }

  @Test
  void loadResultWhenErrorsThenNoValue() {
    LoadResult<LoadedAllowPolicy> result = loader.loadAllow(PolicyText.json("x.json", "{\"version\": 2}"),
        PolicyLayer.SERVICE);

    assertThat(result.loaded()).isEmpty();
    assertThatThrownBy(result::orThrow).isInstanceOf(PolicyLoadException.class);
  }
}
