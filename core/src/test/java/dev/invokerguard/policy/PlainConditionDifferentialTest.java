package dev.invokerguard.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The same expressions compiled by the standard compiler (plain predicates where the shape allows) and by
 * cel-java alone, evaluated on the same generated requests: the errors, warnings and every outcome agree.
 */
class PlainConditionDifferentialTest {

  private static final List<String> HOSTS = List.of("example.com", "admin.localhost", "", "EXAMPLE.com",
      "example.co", "xn--bcher-kva.example", "a.example.com");
  private static final List<String> PATHS = List.of("/", "/private/", "/private/x", "/privatex", "/private",
      "/public/a.css", "/healthz", "/healthz/live", "/healthzz", "", "/é/ü", "/a'b\"c");
  private static final List<String> TIMESTAMPS = List.of("2024-03-10T07:00:00Z", "2024-03-10T06:59:59.123456789Z",
      "2024-02-29T00:00:00Z", "1000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "2024-03-10T07:00:00.5Z",
      "2023-02-29T00:00:00Z", "2024-03-10T24:00:00Z", "2024-03-10T23:59:60Z", "2024-03-10T07:00:00+01:00",
      "0999-01-01T00:00:00Z", "2024-03-10t07:00:00z", "2024-03-10T07:00:00.1234567891Z", "2024-3-10T07:00:00Z");
  private static final List<String> STRING_LITERALS = List.of("example.com", "admin.localhost", "/private/",
      "/healthz", "/healthz/", ".com", "/x", "", "EXAMPLE.com", "/é", "a'b", "/public/");

  private final ConditionCompiler standard = ConditionCompilers.standard();
  private final ConditionCompiler cel = new CelConditionCompiler();
  private final Random random = new Random(20261202);

  @Test
  void compileWhenGeneratedExpressionsThenPlainAndCelAgreeOnProblemsAndEveryOutcome() {
    List<ConditionContext> requests = requests();
    int plain = 0;
    for (int i = 0; i < 300; i++) {
      String expression = expression(3);
      if (PlainConditionParser.parse(expression) != null) {
        plain++;
      }
      assertSameEverywhere(expression, requests);
    }
    assertThat(plain).as("expressions that took the plain path").isGreaterThan(100);
  }

  @Test
  void compileWhenShapesOutsideThePlainPathThenSameProblemsAsCel() {
    List<ConditionContext> requests = requests();
    for (String expression : List.of("!request.host == \"a\"", "request.host == \"\\u0041\"",
        "request.path.startsWith(\"/a\") // comment", "request.host.contains(\"x\")",
        "request.path.matches(\"^/a\")", ".request.host == \"a\"", "request.host == 'a' == true",
        "request.time < timestamp(\"2024-02-30T00:00:00Z\")", "request.host", "", "  ", "(request.host == \"a\"",
        "request.host == \"a\" ||", "request.host == r\"a\"", "!!request.path.startsWith(\"/a\")",
        "request.auth.claims == \"x\"", "request.path.startsWith(request.host)", "1 == 1",
        "request.host == \"a\" || ".repeat(12) + "request.host == \"b\"",
        "request.host == \"a\" || ".repeat(13) + "request.host == \"b\"")) {
      assertSameEverywhere(expression, requests);
    }
  }

  private void assertSameEverywhere(String expression, List<ConditionContext> requests) {
    ConditionCompilation expected = cel.compile(expression);
    ConditionCompilation actual = standard.compile(expression);
    assertThat(actual.errors()).as(expression).isEqualTo(expected.errors());
    assertThat(actual.warnings()).as(expression).isEqualTo(expected.warnings());
    assertThat(actual.condition() == null).as(expression).isEqualTo(expected.condition() == null);
    if (expected.condition() == null) {
      return;
    }
    for (ConditionContext request : requests) {
      assertThat(actual.condition().evaluate(request).outcome()).as(expression + " on " + request)
          .isEqualTo(expected.condition().evaluate(request).outcome());
    }
  }

  private List<ConditionContext> requests() {
    List<Instant> times = new ArrayList<>();
    for (String literal : TIMESTAMPS.subList(0, 6)) {
      Instant at = Instant.parse(literal);
      times.addAll(List.of(at, at.minusNanos(1), at.plusNanos(1), at.plus(Duration.ofDays(400))));
    }
    times.add(Instant.parse("1970-01-01T00:00:00Z"));
    List<ConditionContext> requests = new ArrayList<>();
    for (int i = 0; i < 80; i++) {
      requests.add(new ConditionContext(pick(HOSTS), pick(PATHS), pick(times)));
    }
    requests.add(new ConditionContext("example.com", "/private/", null));
    requests.add(new ConditionContext(null, "/private/", Instant.EPOCH));
    requests.add(new ConditionContext("example.com", null, Instant.EPOCH));
    return requests;
  }

  private String expression(int depth) {
    int choice = random.nextInt(depth > 0 ? 8 : 4);
    return switch (choice) {
      case 0, 1 -> stringTest();
      case 2 -> timeTest();
      case 3 -> "(" + stringTest() + ")";
      case 4 -> expression(depth - 1) + " && " + expression(depth - 1);
      case 5 -> expression(depth - 1) + " || " + expression(depth - 1);
      case 6 -> "!(" + expression(depth - 1) + ")";
      default -> "(" + expression(depth - 1) + ")" + (random.nextBoolean() ? " &&\n " : "\t|| ")
          + expression(depth - 1);
    };
  }

  private String stringTest() {
    String attribute = random.nextBoolean() ? "request.host" : "request.path";
    String literal = quote(pick(STRING_LITERALS));
    return switch (random.nextInt(6)) {
      case 0 -> attribute + " == " + literal;
      case 1 -> attribute + " != " + literal;
      case 2 -> attribute + ".startsWith(" + literal + ")";
      case 3 -> (random.nextBoolean() ? "!" : "") + attribute + ".endsWith(" + literal + ")";
      case 4 -> literal + " == " + attribute;
      default -> literal + "!=" + attribute;
    };
  }

  private String timeTest() {
    String literal = "timestamp(" + quote(pick(TIMESTAMPS)) + ")";
    String op = pick(List.of("<", "<=", ">", ">=", "==", "!="));
    return random.nextBoolean() ? "request.time " + op + " " + literal : literal + " " + op + " request.time";
  }

  private String quote(String literal) {
    return literal.contains("'") ? '"' + literal + '"' : random.nextBoolean() ? '"' + literal + '"'
        : "'" + literal + "'";
  }

  private <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }
}
