package dev.invokerguard.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invokerguard.identity.Caller;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A document is one JSON value or one YAML document: whatever follows it is an error, never ignored. */
class TrailingContentTest {
  private static final String OPEN = "{\"bindings\":[]}";
  private static final String PUBLIC = "{\"bindings\":[{\"role\":\"roles/run.invoker\",\"members\":[\"allUsers\"]}]}";
  private static final String DENY_NOBODY = """
      rules:
      - denyRule:
          deniedPrincipals: ["principal://goog/subject/nobody@example.com"]
          deniedPermissions: ["run.googleapis.com/routes.invoke"]
      """;
  private static final String DENY_ALICE = """
      rules:
      - denyRule:
          deniedPrincipals: ["principal://goog/subject/alice@example.com"]
          deniedPermissions: ["run.googleapis.com/routes.invoke"]
      """;

  private final PolicyLoader loader = TestPolicies.loader();

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiterString = "=>", textBlock = """
      two JSON objects => {"bindings":[]}{"bindings":[]} => line 1, column 16
      object then space then object => {"bindings":[]} {"bindings":[]} => line 1, column 17
      object then garbage => {"bindings":[]} garbage => line 1, column 17
      object then a number => {"bindings":[]} 7 => line 1, column 17
      object then a closing brace => {"bindings":[]}} => line 1, column 16
      """)
  void loadAllowWhenJsonHasTrailingContentThenSyntaxErrorWithLocation(String name, String json,
      String location) {
    LoadResult<LoadedAllowPolicy> result = loader.loadAllow(PolicyText.json("p.json", json), PolicyLayer.SERVICE);

    assertThat(result.isLoaded()).isFalse();
    assertThat(result.errors()).singleElement().satisfies(e -> {
      assertThat(e.code()).isEqualTo(PolicyProblemCode.SYNTAX_ERROR);
      assertThat(e.location()).isEqualTo(location);
    });
  }

  @Test
  void loadAllowWhenSecondJsonValueOpensTheServiceThenNothingLoads() {
    LoadResult<LoadedAllowPolicy> result =
        loader.loadAllow(PolicyText.json("p.json", OPEN + "\n" + PUBLIC), PolicyLayer.SERVICE);

    assertThat(result.isLoaded()).isFalse();
    assertThat(result.errors()).singleElement().satisfies(e -> {
      assertThat(e.location()).isEqualTo("line 2, column 1");
      assertThat(e.message()).contains("content after the end of the JSON document");
    });
  }

  @Test
  void loadAllowWhenSecondYamlDocumentThenSyntaxErrorWithLocation() {
    String yaml = "bindings: []\n---\nbindings:\n- role: roles/run.invoker\n  members: [allUsers]\n";

    LoadResult<LoadedAllowPolicy> result = loader.loadAllow(PolicyText.yaml("p.yaml", yaml), PolicyLayer.SERVICE);

    assertThat(result.isLoaded()).isFalse();
    assertThat(result.errors()).singleElement().satisfies(e -> {
      assertThat(e.code()).isEqualTo(PolicyProblemCode.SYNTAX_ERROR);
      assertThat(e.location()).isEqualTo("line 3, column 1");
      assertThat(e.message()).contains("a second YAML document");
    });
  }

  @Test
  void loadAllowWhenYamlHasDocumentMarkersAroundOneDocumentThenLoads() {
    String yaml = "---\nbindings:\n- role: roles/run.invoker\n  members: [allUsers]\n...\n";

    LoadResult<LoadedAllowPolicy> result = loader.loadAllow(PolicyText.yaml("p.yaml", yaml), PolicyLayer.SERVICE);

    assertThat(result.errors()).isEmpty();
    assertThat(result.value().policy().bindings()).hasSize(1);
  }

  @Test
  void loadDenyWhenSecondYamlDocumentDeniesAPrincipalThenLoadErrorNotASilentlyDroppedRule() {
    PolicyText text = PolicyText.yaml("deny.yaml", DENY_NOBODY + "---\n" + DENY_ALICE);

    LoadResult<LoadedDenyPolicy> result = loader.loadDeny(text);

    assertThat(result.isLoaded()).isFalse();
    assertThat(result.errors()).singleElement().satisfies(e -> {
      assertThat(e.code()).isEqualTo(PolicyProblemCode.SYNTAX_ERROR);
      assertThat(e.source()).isEqualTo("deny.yaml");
      assertThat(e.location()).isEqualTo("line 6, column 1");
    });
  }

  @Test
  void loadDenyWhenBothRulesInOneDocumentThenAliceIsDenied() {
    String oneDocument = DENY_NOBODY + DENY_ALICE.substring("rules:\n".length());
    LoadedDenyPolicy deny = loader.loadDenyOrThrow(PolicyText.yaml("deny.yaml", oneDocument));
    PolicyEvaluator evaluator = PolicyEvaluator.of(List.of(loader.loadAllowOrThrow(
        PolicyText.json("p.json", PUBLIC), PolicyLayer.SERVICE)), List.of(deny));
    Caller alice = TestCallers.caller("user:alice@example.com");

    assertThat(evaluator.evaluate(alice, TestCallers.at("/")).allowed()).isFalse();
  }

  @Test
  void withCustomRolesWhenSecondYamlDocumentThenSyntaxError() {
    String yaml = "name: projects/p/roles/a\nincludedPermissions: [run.routes.invoke]\n---\n"
        + "name: projects/p/roles/b\nincludedPermissions: [run.routes.invoke]\n";

    LoadResult<RoleCatalog> result = RoleCatalog.builtIn().withCustomRoles(PolicyText.yaml("roles.yaml", yaml));

    assertThat(result.errors()).singleElement().satisfies(e -> {
      assertThat(e.code()).isEqualTo(PolicyProblemCode.SYNTAX_ERROR);
      assertThat(e.location()).isEqualTo("line 4, column 1");
    });
  }

  @Test
  void withCustomRolesWhenTrailingJsonThenSyntaxError() {
    String json = "[{\"name\":\"projects/p/roles/a\",\"includedPermissions\":[\"run.routes.invoke\"]}] []";

    LoadResult<RoleCatalog> result = RoleCatalog.builtIn().withCustomRoles(PolicyText.json("roles.json", json));

    assertThat(result.errors()).extracting(PolicyProblem::code).containsExactly(PolicyProblemCode.SYNTAX_ERROR);
  }
}
