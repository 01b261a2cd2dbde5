package dev.invokerguard.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CelConditionCompilerTest {

  private static final ConditionContext REQUEST =
      new ConditionContext("example.com", "/public/docs", Instant.parse("2024-03-10T06:59:59.123Z"));

  private final ConditionCompiler compiler = compiler();

  /** The compiler under test; the standard compiler's test runs the same cases through its plain path. */
  ConditionCompiler compiler() {
    return new CelConditionCompiler();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiterString = "=>",
      textBlock =
          """
          request.host == "example.com" => TRUE
          request.host == "other.com" => FALSE
          request.host != "other.com" => TRUE
          request.host != "example.com" => FALSE
          request.path == "/public/docs" => TRUE
          request.path == "/PUBLIC/docs" => FALSE
          request.path.startsWith("/public/") => TRUE
          request.path.startsWith("/private/") => FALSE
          request.host.startsWith("example.") => TRUE
          request.host.endsWith(".com") => TRUE
          request.host.endsWith(".org") => FALSE
          request.path.endsWith("/docs") => TRUE
          request.path.endsWith(".html") => FALSE
          request.host == "example.com" && request.path.startsWith("/public") => TRUE
          request.host == "example.com" && request.path.startsWith("/admin") => FALSE
          request.host == "x" || request.path == "/public/docs" => TRUE
          request.host == "x" || request.path == "/y" => FALSE
          !(request.host == "x") => TRUE
          !request.path.startsWith("/public") => FALSE
          """)
  void evaluateWhenStringOperatorThenResult(String expression, ConditionResult.Outcome expected) {
    assertThat(evaluate(expression)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiterString = "=>",
      textBlock =
          """
          request.time < timestamp("2024-03-10T07:00:00Z") => TRUE
          request.time < timestamp("2024-03-10T06:59:59Z") => FALSE
          request.time <= timestamp("2024-03-10T06:59:59.123Z") => TRUE
          request.time <= timestamp("2024-03-10T06:59:59.122Z") => FALSE
          request.time > timestamp("2024-01-01T00:00:00Z") => TRUE
          request.time > timestamp("2025-01-01T00:00:00Z") => FALSE
          request.time >= timestamp("2024-03-10T07:59:59+01:00") => TRUE
          request.time >= timestamp("2024-03-10T08:00:00+01:00") => FALSE
          request.time == timestamp("2024-03-10T06:59:59.123Z") => TRUE
          request.time != timestamp("2024-03-10T06:59:59.123Z") => FALSE
          request.time + duration("1s") > timestamp("2024-03-10T07:00:00Z") => TRUE
          request.time + duration("0.5s") > timestamp("2024-03-10T07:00:00Z") => FALSE
          duration("3600s") + request.time > timestamp("2024-03-10T07:59:59Z") => TRUE
          duration("3600s") + request.time > timestamp("2024-03-10T08:00:00Z") => FALSE
          request.time - duration("86400s") < timestamp("2024-03-09T07:00:00Z") => TRUE
          request.time - duration("60s") < timestamp("2024-03-10T06:58:00Z") => FALSE
          request.time > date("2024-03-10") => TRUE
          request.time < date("2024-03-11") => TRUE
          request.time < date("2024-03-10") => FALSE
          date("2024-03-10") == timestamp("2024-03-10T00:00:00Z") => TRUE
          date("2024-02-29") == timestamp("2024-02-29T00:00:01Z") => FALSE
          """)
  void evaluateWhenTimeOperatorThenResult(String expression, ConditionResult.Outcome expected) {
    assertThat(evaluate(expression)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiterString = "=>",
      textBlock =
          """
          request.path.contains("lic/do") => TRUE => contains
          request.path.contains("private") => FALSE => contains
          request.host.matches(r"^example\\.(com|org)$") => TRUE => matches
          request.host.matches(r"^example\\.net$") => FALSE => matches
          matches(request.path, "^/public/") => TRUE => matches
          request.host in ["a.example", "example.com"] => TRUE => in
          request.host in ["a.example"] => FALSE => in
          """)
  void compileWhenUndocumentedStandardFunctionThenWarningAndResult(
      String expression, ConditionResult.Outcome expected, String function) {
    ConditionCompilation compilation = compiler.compile(expression);

    assertThat(compilation.errors()).isEmpty();
    assertThat(compilation.warnings())
        .singleElement()
        .asString()
        .contains("'" + function + "'")
        .contains("Cloud IAM may refuse it");
    assertThat(compilation.condition().evaluate(REQUEST).outcome()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiterString = "=>",
      textBlock =
          """
          request.host == "example.com" && request.path.startsWith("/public")
          request.time.getHours("Europe/Berlin") >= 9 && request.time < date("2030-01-01")
          request.time + duration("60s") > timestamp("2024-01-01T00:00:00Z")
          """)
  void compileWhenDocumentedFormsOnlyThenNoWarnings(String expression) {
    ConditionCompilation compilation = compiler.compile(expression);

    assertThat(compilation.errors()).isEmpty();
    assertThat(compilation.warnings()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiterString = "=>",
      textBlock =
          """
          resource.name == "x" => identifier 'resource.name'
          request.auth.claims.email == "a@example.com" => identifier 'request.auth.claims.email'
          request == "x" => identifier 'request'
          request.hostname == "x" => identifier 'request.hostname'
          size(request.host) > 3 => function 'size'
          request.path.size() > 3 => function 'size'
          int(request.time) > 0 => function 'int'
          request.path.exists(c, c == "a") => function 'exists'
          has(request.host) => function 'has'
          request.host.lowerAscii() == "x" => function 'lowerAscii'
          request.host == "a" ? true : false => operator '?:'
          request.host + "x" == "example.comx" => operator '+' is not allowed on (string, string)
          request.path < "/b" => operator '<' is not allowed on (string, string)
          request.time - request.time > duration("1s") => operator '-' is not allowed on (timestamp, timestamp)
          duration("1s") < duration("2s") => operator '<' is not allowed on (duration, duration)
          1.5 == 1.5 => operator '==' is not allowed on (double, double)
          timestamp(0) < request.time => function 'timestamp' is not allowed on (int)
          request.time < timestamp(request.host) => function 'timestamp' takes a string literal
          request.time.getHours(request.host) > 1 => function 'getHours' takes a string literal as its time zone
          duration("3600s").getHours() == 1 => function 'getHours' is not allowed on (duration)
          {"a": true}["a"] => map literals are not allowed
          [1, 2] == [1, 2] => a list literal is allowed only on the right of 'in'
          1 in [1, 2] => operator 'in' is not allowed on (int, list)
          """)
  void compileWhenOutsideAllowListThenErrorNamesIt(String expression, String expectedError) {
    ConditionCompilation compilation = compiler.compile(expression);

    assertThat(compilation.condition()).isNull();
    assertThat(compilation.errors()).anySatisfy(error -> assertThat(error).contains(expectedError));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiterString = "=>",
      textBlock =
          """
          request.host == => syntax error at 1:16
          request.host == "a => syntax error at 1:17
          request.host == 1 => type error at 1:14: found no matching overload for '_==_'
          request.time.getHours() => type error at 1:22: expected type 'bool' but found 'int'
          '   ' => the condition expression is empty
          """)
  void compileWhenSyntaxOrTypeErrorThenError(String expression, String expectedError) {
    ConditionCompilation compilation = compiler.compile(expression);

    assertThat(compilation.condition()).isNull();
    assertThat(compilation.errors()).anySatisfy(error -> assertThat(error).startsWith(expectedError));
  }

  @ParameterizedTest(name = "{0} logical operators")
  @CsvSource({"12, true", "13, false"})
  void compileWhenLogicalOperatorsCountedThenLimitIsTwelve(int operators, boolean compiles) {
    // n - 1 '||' operators between n comparisons, and one '!' in front.
    StringBuilder expression = new StringBuilder("!(request.host == \"h0\")");
    for (int i = 1; i < operators; i++) {
      expression.append(" || request.host == \"h").append(i).append('"');
    }

    ConditionCompilation compilation = compiler.compile(expression.toString());

    assertThat(compilation.condition() != null).isEqualTo(compiles);
    if (!compiles) {
      assertThat(compilation.errors()).containsExactly(
          "the condition has 13 logical operators (&&, ||, !); IAM allows at most 12");
    }
  }

  private ConditionResult.Outcome evaluate(String expression) {
    ConditionCompilation compilation = compiler.compile(expression);
    assertThat(compilation.errors()).as("errors of %s", expression).isEmpty();
    ConditionResult result = compilation.condition().evaluate(REQUEST);
    assertThat(result.error()).isNull();
    return result.outcome();
  }
}
