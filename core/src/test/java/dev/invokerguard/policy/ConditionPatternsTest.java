package dev.invokerguard.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cel.runtime.CelEvaluationException;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The pattern of {@code matches} is a literal, bounded in size, compiled once when the condition loads. */
class ConditionPatternsTest {
  private static final ConditionContext REQUEST =
      new ConditionContext("api.example.com", "/v1/orders/42", Instant.parse("2026-03-01T10:00:00Z"));

  private final CelConditionCompiler compiler = new CelConditionCompiler();

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiterString = "=>", textBlock = """
      request.host.matches(request.path)
      matches(request.path, request.host)
      request.path.matches("^/v1/" + request.host)
      """)
  void compileWhenPatternIsNotALiteralThenError(String expression) {
    ConditionCompilation compilation = compiler.compile(expression);

    assertThat(compilation.condition()).isNull();
    assertThat(compilation.errors()).anySatisfy(error ->
        assertThat(error).isIn("function 'matches' takes a string literal as its pattern",
            "operator '+' is not allowed on (string, string)"));
  }

  @Test
  void compileWhenPatternIsNotALiteralThenTheRequestCannotChooseIt() {
    assertThat(compiler.compile("request.host.matches(request.path)").errors())
        .containsExactly("function 'matches' takes a string literal as its pattern");
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiterString = "=>", textBlock = """
      ((a{1000}){1000}){1000} => would compile to more than 10000 instructions
      (a{1000}){1000} => would compile to more than 10000 instructions
      (abcdefgh){2000} => would compile to more than 10000 instructions
      (abcdefgh){200} => compiles to 2002 instructions
      [a-z]{1000}[0-9]{1000}[A-Z]{1000}(xy){1000} => compiles to 7002 instructions
      a{1000} => compiles to 1002 instructions
      """)
  void compileWhenRepetitionsExpandTooFarThenErrorWithoutExpandingThem(String pattern, String message) {
    ConditionCompilation compilation = compiler.compile("request.path.matches('" + pattern + "')");

    assertThat(compilation.condition()).isNull();
    assertThat(compilation.errors()).singleElement().asString()
        .startsWith("function 'matches' has a pattern \"")
        .contains(message)
        .contains("(at most 1000)");
  }

  @Test
  void compileWhenPatternNested20000DeepThenErrorNotStackOverflow() {
    String deep = "(".repeat(20_000) + "a" + ")".repeat(20_000);

    ConditionCompilation compilation = compiler.compile("request.path.matches('" + deep + "')");

    assertThat(compilation.errors()).singleElement().asString()
        .contains("is 40001 characters long (at most 1000)");
  }

  @Test
  void compileWhenGroupsNestedDeeperThan32ThenError() {
    String deep = "(".repeat(33) + "a" + ")".repeat(33);
    String allowed = "(".repeat(32) + "a" + ")".repeat(32);

    assertThat(compiler.compile("request.path.matches('" + deep + "')").errors()).singleElement().asString()
        .contains("nests groups more than 32 deep");
    assertThat(compiler.compile("request.path.matches('" + allowed + "')").errors()).isEmpty();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiterString = "=>", textBlock = """
      request.path.matches('^/v1/orders/[0-9]{1,12}$') => TRUE
      request.path.matches('orders') => TRUE
      request.path.matches('^orders') => FALSE
      request.host.matches('^(api|www)\\\\.example\\\\.com$') => TRUE
      matches(request.path, '\\\\Q/v1/\\\\E[a-z]+/[0-9]+') => TRUE
      request.path.matches('[]a]{2}|/v2/') => FALSE
      request.host.matches('(?i)^API\\\\.') => TRUE
      request.path.matches('a{500}') => FALSE
      request.path.matches('^/v[0-9]+/(users|orders)/[a-z0-9-]{1,64}(/.*)?$') => TRUE
      """)
  void evaluateWhenPatternWithinBoundsThenFindSemanticsOfCel(String expression, ConditionResult.Outcome expected) {
    ConditionCompilation compilation = compiler.compile(expression);

    assertThat(compilation.errors()).as(expression).isEmpty();
    assertThat(compilation.condition().evaluate(REQUEST).outcome()).isEqualTo(expected);
  }

  @Test
  void evaluateWhenCalledManyTimesThenPatternsWereCompiledOnceAtLoad() {
    long before = ConditionPatterns.compilations();
    CelCondition condition = (CelCondition) compiler.compile(
        "request.path.matches('^/v1/orders/[0-9]+$') || request.host.matches('^admin\\\\.')").condition();
    long afterLoad = ConditionPatterns.compilations();

    for (int i = 0; i < 1_000; i++) {
      ConditionContext request = new ConditionContext("api.example.com", "/v1/orders/" + i, REQUEST.time());
      assertThat(condition.evaluate(request).outcome()).isEqualTo(ConditionResult.Outcome.TRUE);
    }

    assertThat(afterLoad - before).isEqualTo(2);
    assertThat(ConditionPatterns.compilations()).isEqualTo(afterLoad);
    assertThat(condition.patterns()).containsOnlyKeys("^/v1/orders/[0-9]+$", "^admin\\.");
    assertThat(condition.patterns().get("^admin\\.").pattern()).isEqualTo("^admin\\.");
  }

  @Test
  void runtimeWhenMatchesIsNotBoundByTheConditionThenNoOverload() throws Exception {
    // The shared runtime carries no matches of its own (cel-java's compiles the pattern on every call).
    var ast = IamCelEnvironment.COMPILER.compile("request.path.matches('^/v1/')").getAst();

    assertThatThrownBy(() -> IamCelEnvironment.RUNTIME.createProgram(ast)
        .eval(new CelCondition.RequestAttributes(REQUEST)))
        .isInstanceOf(CelEvaluationException.class)
        .hasMessageContaining("matches");
  }

  @Test
  void loadAllowWhenPatternIsNotALiteralThenLoadErrorAtTheCondition() {
    String policy = """
        {"bindings": [{"role": "roles/run.invoker", "members": ["allUsers"],
          "condition": {"title": "echo", "expression": "request.host.matches(request.path)"}}]}""";

    LoadResult<LoadedAllowPolicy> result =
        TestPolicies.loader().loadAllow(PolicyText.json("p.json", policy), PolicyLayer.SERVICE);

    assertThat(result.errors()).singleElement().satisfies(e -> {
      assertThat(e.code()).isEqualTo(PolicyProblemCode.CONDITION_INVALID);
      assertThat(e.location()).isEqualTo("bindings[0].condition.expression");
      assertThat(e.message()).isEqualTo(
          "condition \"echo\": function 'matches' takes a string literal as its pattern");
    });
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"StackOverflowError", "OutOfMemoryError"})
  void loadAllowWhenTheCompilerThrowsAnErrorThenLoadErrorAtTheCondition(String kind) {
    PolicyLoader loader = PolicyLoader.builder().conditionCompiler(expression -> {
      throw kind.equals("StackOverflowError") ? new StackOverflowError() : new OutOfMemoryError();
    }).build();
    String policy = """
        {"bindings": [{"role": "roles/run.invoker", "members": ["allUsers"],
          "condition": {"title": "t", "expression": "request.path.startsWith('/a')"}}]}""";

    LoadResult<LoadedAllowPolicy> result = loader.loadAllow(PolicyText.json("p.json", policy), PolicyLayer.SERVICE);

    assertThat(result.errors()).singleElement().satisfies(e -> {
      assertThat(e.code()).isEqualTo(PolicyProblemCode.CONDITION_INVALID);
      assertThat(e.location()).isEqualTo("bindings[0].condition.expression");
      assertThat(e.message()).contains("too deeply nested or too large to compile");
    });
  }
}
