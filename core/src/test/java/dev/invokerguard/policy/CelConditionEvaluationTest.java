package dev.invokerguard.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CelConditionEvaluationTest {

  private static final ConditionContext REQUEST =
      new ConditionContext("example.com", "/public/docs", Instant.parse("2024-03-10T06:59:59Z"));

  private final ConditionCompiler compiler = compiler();

  /** The compiler under test; the standard compiler's test runs the same cases through its plain path. */
  ConditionCompiler compiler() {
    return new CelConditionCompiler();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiterString = "=>",
      textBlock =
          """
          request.time < timestamp("2024-13-45T00:00:00Z") => function 'timestamp' has an invalid literal argument "2024-13-45T00:00:00Z"
          request.time > timestamp("2024-01-01") => function 'timestamp' has an invalid literal argument "2024-01-01"
          request.time > date("2024-02-30") => function 'date' has an invalid literal argument "2024-02-30"
          request.time > date("2023-02-29") => function 'date' has an invalid literal argument "2023-02-29"
          request.time > date("2024-3-1") => function 'date' has an invalid literal argument "2024-3-1"
          request.host == "example.com" || request.time < timestamp("2024-13-45T00:00:00Z") => function 'timestamp' has an invalid literal argument
          """)
  void evaluateWhenInvalidLiteralThenErrorAndNeverGrants(String expression, String expectedMessage) {
    ConditionCompilation compilation = compiler.compile(expression);

    assertThat(compilation.errors()).isEmpty();
    assertThat(compilation.warnings()).anySatisfy(warning -> assertThat(warning)
        .startsWith(expectedMessage)
        .endsWith("the condition never grants"));
    ConditionResult result = compilation.condition().evaluate(REQUEST);
    assertThat(result.outcome()).isEqualTo(ConditionResult.Outcome.ERROR);
    assertThat(result.error()).startsWith(expectedMessage);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiterString = "=>",
      textBlock =
          """
          (request.time + duration("1x")).getHours("UTC") > 1 => function 'duration' has an invalid literal argument "1x"
          request.time.getHours("Europe/Nowhere") > 8 => function 'getHours' has an invalid literal argument "Europe/Nowhere"
          request.host.matches("[") => function 'matches' has a pattern "[" that is not a valid RE2 pattern (missing closing ]
          """)
  void compileWhenDurationZoneOrPatternLiteralInvalidThenCompileError(String expression, String expectedMessage) {
    ConditionCompilation compilation = compiler.compile(expression);

    assertThat(compilation.condition()).isNull();
    assertThat(compilation.errors()).singleElement().asString().startsWith(expectedMessage);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiterString = "=>",
      textBlock =
          """
          request.time > date("2024-02-29") => TRUE
          request.time > timestamp("2024-02-29T23:59:59.999999999-05:00") => TRUE
          """)
  void compileWhenValidLiteralThenNoWarning(String expression, ConditionResult.Outcome expected) {
    ConditionCompilation compilation = compiler.compile(expression);

    assertThat(compilation.warnings()).isEmpty();
    assertThat(compilation.condition().evaluate(REQUEST).outcome()).isEqualTo(expected);
  }

  @Test
  void evaluateWhenAttributeMissingThenErrorNotException() {
    ConditionCompilation compilation = compiler.compile("request.time < timestamp(\"2030-01-01T00:00:00Z\")");

    ConditionResult result =
        compilation.condition().evaluate(new ConditionContext("example.com", "/", null));

    assertThat(result.outcome()).isEqualTo(ConditionResult.Outcome.ERROR);
    assertThat(result.error()).isNotBlank();
  }

  @Test
  void evaluateWhenCalledFromManyThreadsThenEachSeesItsOwnRequest() throws Exception {
    CompiledCondition condition =
        compiler.compile("request.host == \"example.com\" && request.path.startsWith(\"/public\")").condition();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> wrong = new ArrayList<>();
      for (int thread = 0; thread < 4; thread++) {
        int offset = thread;
        wrong.add(pool.submit(() -> {
          int mistakes = 0;
          for (int i = 0; i < 5_000; i++) {
            boolean open = (i + offset) % 2 == 0;
            ConditionContext context =
                new ConditionContext("example.com", open ? "/public/" + i : "/private/" + i, Instant.now());
            ConditionResult.Outcome expected = open ? ConditionResult.Outcome.TRUE : ConditionResult.Outcome.FALSE;
            if (condition.evaluate(context).outcome() != expected) {
              mistakes++;
            }
          }
          return mistakes;
        }));
      }
      for (Future<Integer> mistakes : wrong) {
        assertThat(mistakes.get()).isZero();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
