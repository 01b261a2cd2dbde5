package dev.invokerguard.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RoleCatalogTest {
  private final RoleCatalog builtIn = RoleCatalog.builtIn();

  @ParameterizedTest
  @CsvSource({
      "roles/run.invoker, run.routes.invoke, GRANTS",
      "roles/run.servicesInvoker, run.routes.invoke, GRANTS",
      "roles/owner, run.routes.invoke, GRANTS",
      "roles/editor, run.routes.invoke, GRANTS",
      "roles/run.admin, run.routes.invoke, GRANTS",
      "roles/run.jobsExecutor, run.routes.invoke, DOES_NOT_GRANT",
      "roles/run.jobsExecutor, run.jobs.run, GRANTS",
      "roles/viewer, run.routes.invoke, UNKNOWN",
      "roles/run.viewer, run.routes.invoke, UNKNOWN"})
  void grantWhenBuiltInRoleThenAsTheTableSays(String role, String permission, RoleCatalog.Grant grant) {
    assertThat(builtIn.grant(role, permission)).isEqualTo(grant);
  }

  @Test
  void grantWhenAnyRoleOfTheDataFileCarriesPermissionThenGrants() throws Exception {
    JsonNode roles = new ObjectMapper().readTree(RoleCatalog.class.getResourceAsStream(
        "roles-with-run-invoke-permissions.json")).get("roles");

    assertThat(roles.size()).isGreaterThan(20);
    roles.fields().forEachRemaining(role -> role.getValue().get("perms").forEach(p ->
        assertThat(builtIn.grant(role.getKey(), p.textValue())).as(role.getKey())
            .isEqualTo(RoleCatalog.Grant.GRANTS)));
  }

  @Test
  void withCustomRolesWhenRolesGetListThenCustomRoleGrantsAndDisabledRoleIsInactive() {
    LoadResult<RoleCatalog> result = builtIn.withCustomRoles(TestPolicies.resource("custom-roles.json"));

    RoleCatalog catalog = result.orThrow();
    assertThat(catalog.grant("projects/my-project/roles/routeInvoker", "run.routes.invoke"))
        .isEqualTo(RoleCatalog.Grant.GRANTS);
    assertThat(catalog.grant("organizations/1234567/roles/retired", "run.routes.invoke"))
        .isEqualTo(RoleCatalog.Grant.INACTIVE);
    assertThat(catalog.grant("roles/run.invoker", "run.routes.invoke")).isEqualTo(RoleCatalog.Grant.GRANTS);
    assertThat(result.warnings()).extracting(PolicyProblem::code, PolicyProblem::location).containsExactly(
        org.assertj.core.groups.Tuple.tuple(PolicyProblemCode.INACTIVE_ROLE, "[1].name"));
  }

  @Test
  void withCustomRolesWhenSingleRoleOrListResponseThenLoads() {
    String role = "{\"name\":\"organizations/9/roles/inv\",\"includedPermissions\":[\"run.routes.invoke\"]}";

    RoleCatalog single = builtIn.withCustomRoles(PolicyText.json("r.json", role)).orThrow();
    RoleCatalog listed = builtIn.withCustomRoles(PolicyText.json("r.json", "{\"roles\":[" + role + "]}"))
        .orThrow();
    RoleCatalog yaml = builtIn.withCustomRoles(PolicyText.yaml("r.yaml", """
        name: organizations/9/roles/inv
        includedPermissions:
        - run.routes.invoke
        stage: GA""")).orThrow();

    for (RoleCatalog catalog : List.of(single, listed, yaml)) {
      assertThat(catalog.grant("organizations/9/roles/inv", "run.routes.invoke"))
          .isEqualTo(RoleCatalog.Grant.GRANTS);
    }
  }

  @Test
  void withCustomRolesWhenMalformedThenEveryErrorWithLocation() {
    LoadResult<RoleCatalog> result = builtIn.withCustomRoles(PolicyText.json("r.json", """
        [{"name":"roles/mine","includedPermissions":[]},
         {"name":"projects/p/roles/a","includedPermissions":["run.routes.invoke"]},
         {"name":"projects/p/roles/a","includedPermissions":["run.routes.invoke"]},
         {"includedPermissions":["run.routes.invoke"]},
         {"name":"projects/p/roles/b","includedPermissions":"run.routes.invoke"},
         {"name":"projects/p/roles/c","permissions":[]}]"""));

    assertThat(result.isLoaded()).isFalse();
    assertThat(result.errors()).extracting(PolicyProblem::code, PolicyProblem::location).containsExactly(
        org.assertj.core.groups.Tuple.tuple(PolicyProblemCode.MALFORMED_ROLE, "[0].name"),
        org.assertj.core.groups.Tuple.tuple(PolicyProblemCode.DUPLICATE_ROLE, "[2].name"),
        org.assertj.core.groups.Tuple.tuple(PolicyProblemCode.MISSING_FIELD, "[3].name"),
        org.assertj.core.groups.Tuple.tuple(PolicyProblemCode.WRONG_TYPE, "[4].includedPermissions"),
        org.assertj.core.groups.Tuple.tuple(PolicyProblemCode.UNKNOWN_FIELD, "[5].permissions"));
  }

  @Test
  void withCustomRoleWhenNameIsPredefinedFormThenFails() {
    assertThatThrownBy(() -> builtIn.withCustomRole("roles/mine", List.of("run.routes.invoke")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(builtIn.withCustomRole("projects/p/roles/x", List.of("run.routes.invoke"))
        .grant("projects/p/roles/x", "run.routes.invoke")).isEqualTo(RoleCatalog.Grant.GRANTS);
  }

  @Test
  void loadAllowWhenCustomRoleIsUndefinedThenUnknownRoleWarning() {
    LoadResult<LoadedAllowPolicy> result = TestPolicies.loader().loadAllow(
        TestPolicies.resource("project-policy.json"), PolicyLayer.PROJECT);

    assertThat(result.warnings()).extracting(PolicyProblem::code, PolicyProblem::location).containsExactly(
        org.assertj.core.groups.Tuple.tuple(PolicyProblemCode.UNKNOWN_ROLE, "bindings[1].role"),
        org.assertj.core.groups.Tuple.tuple(PolicyProblemCode.UNKNOWN_ROLE, "bindings[2].role"));
    assertThat(result.value().grants()).extracting(Grant::role).containsExactly("roles/owner");
  }
}
