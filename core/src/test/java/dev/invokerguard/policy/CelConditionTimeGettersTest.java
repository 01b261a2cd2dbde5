package dev.invokerguard.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The time getters, with CEL's numbering: getMonth, getDayOfYear and getDayOfMonth count from 0. */
class CelConditionTimeGettersTest {

  private final ConditionCompiler compiler = compiler();

  /** The compiler under test; the standard compiler's test runs the same cases through its plain path. */
  ConditionCompiler compiler() {
    return new CelConditionCompiler();
  }

  @ParameterizedTest(name = "{1}({2}) at {0} is {3}")
  @CsvSource(
      textBlock =
          """
          # 2024-03-10 is a Sunday, the 70th day of a leap year.
          2024-03-10T06:59:59.123Z, getFullYear,     ,                 2024
          2024-03-10T06:59:59.123Z, getMonth,        ,                 2
          2024-03-10T06:59:59.123Z, getDate,         ,                 10
          2024-03-10T06:59:59.123Z, getDayOfMonth,   ,                 9
          2024-03-10T06:59:59.123Z, getDayOfWeek,    ,                 0
          2024-03-10T06:59:59.123Z, getDayOfYear,    ,                 69
          2024-03-10T06:59:59.123Z, getHours,        ,                 6
          2024-03-10T06:59:59.123Z, getMinutes,      ,                 59
          2024-03-10T06:59:59.123Z, getSeconds,      ,                 59
          2024-03-10T06:59:59.123Z, getMilliseconds, ,                 123
          2024-03-10T06:59:59.123Z, getHours,        UTC,              6
          # New York leaves EST for EDT at 07:00Z: the local hour goes from 1 to 3.
          2024-03-10T06:59:59.123Z, getHours,        America/New_York, 1
          2024-03-10T07:00:00Z,     getHours,        America/New_York, 3
          2024-03-10T07:00:00Z,     getMinutes,      America/New_York, 0
          2024-03-10T04:59:59Z,     getDate,         America/New_York, 9
          2024-03-10T04:59:59Z,     getDayOfWeek,    America/New_York, 6
          2024-03-10T05:00:00Z,     getDayOfWeek,    America/New_York, 0
          2024-03-10T06:59:59.123Z, getHours,        Europe/Berlin,    7
          # Fixed offsets, including a half-hour one and one that moves the day back.
          2024-03-10T06:59:59.123Z, getHours,        +05:30,           12
          2024-03-10T06:59:59.123Z, getMinutes,      +05:30,           29
          2024-03-10T06:59:59.123Z, getDate,         -08:00,           9
          2024-03-10T06:59:59.123Z, getDayOfMonth,   -08:00,           8
          2024-03-10T06:59:59.123Z, getDayOfWeek,    -08:00,           6
          2024-03-10T06:59:59.123Z, getDayOfYear,    -08:00,           68
          2024-03-10T06:59:59.123Z, getSeconds,      -08:00,           59
          2024-03-10T06:59:59.123Z, getMilliseconds, -08:00,           123
          # New Year's Eve in UTC is already New Year's Day one hour east.
          2024-12-31T23:30:00Z,     getFullYear,     ,                 2024
          2024-12-31T23:30:00Z,     getMonth,        ,                 11
          2024-12-31T23:30:00Z,     getDayOfYear,    ,                 365
          2024-12-31T23:30:00Z,     getFullYear,     +01:00,           2025
          2024-12-31T23:30:00Z,     getMonth,        Europe/Paris,     0
          2024-12-31T23:30:00Z,     getDayOfYear,    +01:00,           0
          2024-12-31T23:30:00Z,     getDate,         +01:00,           1
          """)
  void evaluateWhenGetterThenCelNumbering(String time, String getter, String zone, long expected) {
    String call = "request.time." + getter + (zone == null ? "()" : "(\"" + zone + "\")");

    assertThat(evaluate(call + " == " + expected, time)).isEqualTo(ConditionResult.Outcome.TRUE);
    assertThat(evaluate(call + " == " + (expected + 1), time)).isEqualTo(ConditionResult.Outcome.FALSE);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiterString = "=>",
      textBlock =
          """
          request.time.getHours("Europe/Berlin") >= 9 && request.time.getHours("Europe/Berlin") < 17 => TRUE
          request.time.getDayOfWeek("Europe/Berlin") >= 1 && request.time.getDayOfWeek("Europe/Berlin") <= 5 => FALSE
          request.time.getDayOfWeek() > 0 => FALSE
          request.time.getMonth("Asia/Tokyo") != 2 => FALSE
          """)
  void evaluateWhenBusinessHoursConditionThenResult(String expression, ConditionResult.Outcome expected) {
    // Sunday 2024-03-10, 10:15 in Berlin.
    assertThat(evaluate(expression, "2024-03-10T09:15:00Z")).isEqualTo(expected);
  }

  private ConditionResult.Outcome evaluate(String expression, String time) {
    ConditionCompilation compilation = compiler.compile(expression);
    assertThat(compilation.errors()).as("errors of %s", expression).isEmpty();
    assertThat(compilation.warnings()).as("warnings of %s", expression).isEmpty();
    ConditionResult result =
        compilation.condition().evaluate(new ConditionContext("example.com", "/", Instant.parse(time)));
    assertThat(result.error()).isNull();
    return result.outcome();
  }
}
