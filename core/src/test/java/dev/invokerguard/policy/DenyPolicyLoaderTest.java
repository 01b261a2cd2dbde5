package dev.invokerguard.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class DenyPolicyLoaderTest {
  private final PolicyLoader loader = TestPolicies.loader();

  @Test
  void loadDenyWhenGcloudDenyPolicyThenRulesCoveringThePermissionAreKept() {
    LoadedDenyPolicy loaded = loader.loadDenyOrThrow(TestPolicies.resource("deny-policy.json"));

    assertThat(loaded.policy().displayName()).isEqualTo("Block invoke");
    assertThat(loaded.policy().rules()).hasSize(4);
    assertThat(loaded.rules()).extracting(DenyRuleEntry::ruleIndex).containsExactly(0, 1, 2);
    assertThat(loaded.warnings()).isEmpty();
  }

  static Stream<Arguments> malformed() {
    String r = "{\"rules\":[{\"denyRule\":";
    String p = "\"deniedPrincipals\":[\"principalSet://goog/public:all\"]";
    String perm = "\"deniedPermissions\":[\"run.googleapis.com/routes.invoke\"]";
    return Stream.of(
        Arguments.of("v1 permission", r + "{" + p + ",\"deniedPermissions\":[\"run.routes.invoke\"]}}]}",
            PolicyProblemCode.MALFORMED_PERMISSION, "rules[0].denyRule.deniedPermissions[0]"),
        Arguments.of("v1 principal", r + "{\"deniedPrincipals\":[\"user:a@example.com\"]," + perm + "}}]}",
            PolicyProblemCode.UNKNOWN_PRINCIPAL_FORM, "rules[0].denyRule.deniedPrincipals[0]"),
        Arguments.of("no permissions", r + "{" + p + "}}]}", PolicyProblemCode.MISSING_FIELD,
            "rules[0].denyRule.deniedPermissions"),
        Arguments.of("no principals", r + "{" + perm + "}}]}", PolicyProblemCode.MISSING_FIELD,
            "rules[0].denyRule.deniedPrincipals"),
        Arguments.of("no rules", "{\"rules\":[]}", PolicyProblemCode.MISSING_FIELD, "rules"),
        Arguments.of("no denyRule", "{\"rules\":[{\"description\":\"x\"}]}", PolicyProblemCode.MISSING_FIELD,
            "rules[0].denyRule"),
        Arguments.of("misspelt field", r + "{" + p + "," + perm + ",\"exceptPrincipals\":[]}}]}",
            PolicyProblemCode.UNKNOWN_FIELD, "rules[0].denyRule.exceptPrincipals"),
        Arguments.of("bad exception permission", r + "{" + p + "," + perm
            + ",\"exceptionPermissions\":[\"routes.invoke\"]}}]}", PolicyProblemCode.MALFORMED_PERMISSION,
            "rules[0].denyRule.exceptionPermissions[0]"),
        Arguments.of("condition null", r + "{" + p + "," + perm + ",\"denialCondition\":null}}]}",
            PolicyProblemCode.MISSING_FIELD, "rules[0].denyRule.denialCondition"),
        Arguments.of("condition not compiling", r + "{" + p + "," + perm
            + ",\"denialCondition\":{\"expression\":\"resource.name == 'x'\"}}}]}",
            PolicyProblemCode.CONDITION_INVALID, "rules[0].denyRule.denialCondition.expression"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void loadDenyWhenMalformedThenSpecificErrorAtItsLocation(String name, String json, PolicyProblemCode code,
      String location) {
    LoadResult<LoadedDenyPolicy> result = loader.loadDeny(PolicyText.json("deny.json", json));

    assertThat(result.isLoaded()).isFalse();
    assertThat(result.errors()).singleElement().satisfies(e -> {
      assertThat(e.code()).isEqualTo(code);
      assertThat(e.location()).isEqualTo(location);
    });
  }

  @Test
  void loadDenyWhenV1PermissionThenMessageGivesV2Form() {
    LoadResult<LoadedDenyPolicy> result = loader.loadDeny(PolicyText.json("deny.json", """
        {"rules":[{"denyRule":{"deniedPrincipals":["principalSet://goog/public:all"],
          "deniedPermissions":["run.routes.invoke"]}}]}"""));

    assertThat(result.errors().get(0).message()).contains("run.googleapis.com/routes.invoke");
  }

  @Test
  void loadDenyWhenDeniedPrincipalIsCustomerIdThenUnenforceableError() {
    LoadResult<LoadedDenyPolicy> result = loader.loadDeny(PolicyText.json("deny.json", """
        {"rules":[{"denyRule":{"deniedPrincipals":["principalSet://goog/cloudIdentityCustomerId/C0abc"],
          "deniedPermissions":["run.googleapis.com/routes.invoke"]}}]}"""));

    assertThat(result.isLoaded()).isFalse();
    assertThat(result.errors()).extracting(PolicyProblem::code, PolicyProblem::location)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(PolicyProblemCode.UNENFORCEABLE_DENIAL,
            "rules[0].denyRule.deniedPrincipals[0]"));
  }

  @Test
  void loadDenyWhenExceptionPrincipalIsCustomerIdThenWarningAndLoads() {
    LoadResult<LoadedDenyPolicy> result = loader.loadDeny(PolicyText.json("deny.json", """
        {"rules":[{"denyRule":{"deniedPrincipals":["principalSet://goog/public:all"],
          "exceptionPrincipals":["principalSet://goog/cloudIdentityCustomerId/C0abc"],
          "deniedPermissions":["run.googleapis.com/routes.invoke"]}}]}"""));

    assertThat(result.isLoaded()).isTrue();
    assertThat(result.warnings()).extracting(PolicyProblem::code)
        .containsExactly(PolicyProblemCode.UNMATCHABLE_MEMBER);
  }

  @ParameterizedTest
  @CsvSource({
      "run.googleapis.com/routes.invoke, true",
      "run.googleapis.com/*, true",
      "run.googleapis.com/routes.*, true",
      "run.googleapis.com/*.invoke, true",
      "run.googleapis.com/services.invoke, false",
      "run.googleapis.com/routes.get, false",
      "iam.googleapis.com/*, false"})
  void coversWhenDenyPermissionPatternThenMatchesRoutesInvoke(String pattern, boolean covers) {
    assertThat(DenyPermissions.isV2(pattern)).isTrue();
    assertThat(DenyPermissions.covers(pattern, "run.googleapis.com/routes.invoke")).isEqualTo(covers);
  }
}
