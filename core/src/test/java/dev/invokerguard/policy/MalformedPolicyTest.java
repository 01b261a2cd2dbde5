package dev.invokerguard.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every malformed allow-policy shape gives one specific error at its location, and nothing loads. */
class MalformedPolicyTest {
  private static final String B = "{\"bindings\":[";
  private static final String E = "]}";

  static Stream<Arguments> malformedJson() {
    return Stream.of(
        Arguments.of("unterminated", "{\"bindings\": [", PolicyProblemCode.SYNTAX_ERROR, "line 1, column 15"),
        Arguments.of("duplicate key", "{\"version\":1,\"version\":3}", PolicyProblemCode.SYNTAX_ERROR,
            "line 1, column 23"),
        Arguments.of("top-level list", "[]", PolicyProblemCode.WRONG_TYPE, ""),
        Arguments.of("empty document", "", PolicyProblemCode.MISSING_FIELD, ""),
        Arguments.of("version 2", "{\"version\":2}", PolicyProblemCode.UNSUPPORTED_VERSION, "version"),
        Arguments.of("version as string", "{\"version\":\"1\"}", PolicyProblemCode.WRONG_TYPE, "version"),
        Arguments.of("etag as number", "{\"etag\":7}", PolicyProblemCode.WRONG_TYPE, "etag"),
        Arguments.of("misspelt field", "{\"binding\":[]}", PolicyProblemCode.UNKNOWN_FIELD, "binding"),
        Arguments.of("bindings object", "{\"bindings\":{}}", PolicyProblemCode.WRONG_TYPE, "bindings"),
        Arguments.of("binding string", B + "\"x\"" + E, PolicyProblemCode.WRONG_TYPE, "bindings[0]"),
        Arguments.of("no role", B + "{\"members\":[\"allUsers\"]}" + E, PolicyProblemCode.MISSING_FIELD,
            "bindings[0].role"),
        Arguments.of("role number", B + "{\"role\":1,\"members\":[\"allUsers\"]}" + E,
            PolicyProblemCode.WRONG_TYPE, "bindings[0].role"),
        Arguments.of("role without roles/", B + "{\"role\":\"run.invoker\",\"members\":[\"allUsers\"]}" + E,
            PolicyProblemCode.MALFORMED_ROLE, "bindings[0].role"),
        Arguments.of("no members", B + "{\"role\":\"roles/run.invoker\"}" + E,
            PolicyProblemCode.MISSING_FIELD, "bindings[0].members"),
        Arguments.of("empty members", B + "{\"role\":\"roles/run.invoker\",\"members\":[]}" + E,
            PolicyProblemCode.MISSING_FIELD, "bindings[0].members"),
        Arguments.of("members string", B + "{\"role\":\"roles/run.invoker\",\"members\":\"allUsers\"}" + E,
            PolicyProblemCode.WRONG_TYPE, "bindings[0].members"),
        Arguments.of("member number", B + "{\"role\":\"roles/run.invoker\",\"members\":[\"allUsers\",5]}" + E,
            PolicyProblemCode.WRONG_TYPE, "bindings[0].members[1]"),
        Arguments.of("misspelt binding field",
            B + "{\"role\":\"roles/run.invoker\",\"members\":[\"allUsers\"],\"conditon\":{}}" + E,
            PolicyProblemCode.UNKNOWN_FIELD, "bindings[0].conditon"),
        Arguments.of("unknown prefix", member("usr:a@example.com"), PolicyProblemCode.UNKNOWN_MEMBER_PREFIX,
            "bindings[0].members[0]"),
        Arguments.of("wrong case allUsers", member("allusers"), PolicyProblemCode.UNKNOWN_MEMBER_PREFIX,
            "bindings[0].members[0]"),
        Arguments.of("user without email", member("user:alice"), PolicyProblemCode.MALFORMED_MEMBER,
            "bindings[0].members[0]"),
        Arguments.of("blank domain", member("domain:"), PolicyProblemCode.MALFORMED_MEMBER,
            "bindings[0].members[0]"),
        Arguments.of("goog principal in allow", member("principal://goog/subject/a@example.com"),
            PolicyProblemCode.MALFORMED_MEMBER, "bindings[0].members[0]"),
        Arguments.of("condition without title", condition("{\"expression\":\"request.host == \\\"a\\\"\"}"),
            PolicyProblemCode.CONDITION_WITHOUT_TITLE, "bindings[0].condition.title"),
        Arguments.of("condition not compiling", condition("{\"title\":\"t\",\"expression\":\"request.ip == 1\"}"),
            PolicyProblemCode.CONDITION_INVALID, "bindings[0].condition.expression"),
        Arguments.of("condition without expression", condition("{\"title\":\"t\"}"),
            PolicyProblemCode.MISSING_FIELD, "bindings[0].condition.expression"),
        Arguments.of("condition null", condition("null"),
            PolicyProblemCode.MISSING_FIELD, "bindings[0].condition"),
        Arguments.of("condition empty object", condition("{}"),
            PolicyProblemCode.MISSING_FIELD, "bindings[0].condition.expression"),
        Arguments.of("condition expression empty", condition("{\"title\":\"t\",\"expression\":\"\"}"),
            PolicyProblemCode.CONDITION_INVALID, "bindings[0].condition.expression"),
        Arguments.of("condition string", condition("\"request.host == 1\""),
            PolicyProblemCode.WRONG_TYPE, "bindings[0].condition"),
        Arguments.of("misspelt condition field",
            condition("{\"title\":\"t\",\"expression\":\"request.time < timestamp('2024-13-45T00:00:00Z')\",\"expresion\":\"x\"}"),
            PolicyProblemCode.UNKNOWN_FIELD, "bindings[0].condition.expresion"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedJson")
  void loadAllowWhenMalformedThenOneSpecificErrorAtItsLocation(String name, String json,
      PolicyProblemCode code, String location) {
    LoadResult<LoadedAllowPolicy> result = TestPolicies.loader().loadAllow(PolicyText.json("p.json", json),
        PolicyLayer.SERVICE);

    assertThat(result.isLoaded()).isFalse();
    assertThat(result.errors()).singleElement().satisfies(e -> {
      assertThat(e.code()).isEqualTo(code);
      assertThat(e.location()).isEqualTo(location);
      assertThat(e.source()).isEqualTo("p.json");
    });
  }

  static Stream<Arguments> malformedYaml() {
    return Stream.of(
        Arguments.of("unclosed flow list", "bindings: [", PolicyProblemCode.SYNTAX_ERROR),
        Arguments.of("scalar document", "just text", PolicyProblemCode.WRONG_TYPE),
        Arguments.of("version 4", "version: 4", PolicyProblemCode.UNSUPPORTED_VERSION),
        Arguments.of("duplicate key", "etag: a\netag: b", PolicyProblemCode.SYNTAX_ERROR));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedYaml")
  void loadAllowWhenMalformedYamlThenSpecificError(String name, String yaml, PolicyProblemCode code) {
    LoadResult<LoadedAllowPolicy> result = TestPolicies.loader().loadAllow(PolicyText.yaml("p.yaml", yaml),
        PolicyLayer.SERVICE);

    assertThat(result.errors()).extracting(PolicyProblem::code).containsExactly(code);
  }

  @org.junit.jupiter.api.Test
  void loadAllowWhenYamlCutOffAfterConditionThenErrorNamesTheBindingAndNothingOpens() {
    String cutOff = """
        bindings:
        - role: roles/run.invoker
          members: [user:alice@example.com]
        - role: roles/run.invoker
          members: [allUsers]
          condition:
        """;

    LoadResult<LoadedAllowPolicy> result = TestPolicies.loader().loadAllow(PolicyText.yaml("p.yaml", cutOff),
        PolicyLayer.SERVICE);

    assertThat(result.isLoaded()).isFalse();
    assertThat(result.errors()).singleElement().satisfies(e -> {
      assertThat(e.code()).isEqualTo(PolicyProblemCode.MISSING_FIELD);
      assertThat(e.location()).isEqualTo("bindings[1].condition");
      assertThat(e.message()).startsWith("the binding bindings[1] of roles/run.invoker has \"condition\" but"
          + " it is empty");
    });
  }

  private static String member(String member) {
    return B + "{\"role\":\"roles/run.invoker\",\"members\":[\"" + member + "\"]}" + E;
  }

  private static String condition(String condition) {
    return B + "{\"role\":\"roles/run.invoker\",\"members\":[\"allUsers\"],\"condition\":" + condition + "}" + E;
  }
}
