package dev.invokerguard.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlainConditionParserTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "request.path.startsWith(\"/private/\")",
      "request.host == \"admin.localhost\"",
      "request.path == \"/healthz\" || request.path.startsWith(\"/healthz/\") || request.path.startsWith(\"/public/\")",
      "request.host.endsWith('.example.com') && !(request.path == \"/admin\")",
      "!request.path.startsWith(\"/internal/\")",
      "request.time < timestamp(\"2030-01-01T00:00:00Z\") && (request.host != \"a\" || request.path == \"/\")",
      "timestamp(\"2024-03-10T06:59:59.123456789Z\") <= request.time",
      "\"example.com\" == request.host",
  })
  void parseWhenCommonShapeThenPlainCondition(String expression) {
    assertThat(PlainConditionParser.parse(expression)).isNotNull();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "!request.host == \"a\"",
      "request.host == \"\\u0041\"",
      "request.path.startsWith(\"/a\") // comment",
      "request.host.contains(\"x\")",
      "request.time.getHours(\"Europe/Berlin\") > 8",
      "request.time < timestamp(\"2024-03-10T07:00:00+01:00\")",
      "request.time < timestamp(\"2024-02-30T00:00:00Z\")",
      "request.time < date(\"2024-02-01\")",
      "request.host == \"a\" == true",
      "!!request.path.startsWith(\"/a\")",
      ".request.host == \"a\"",
      "",
  })
  void parseWhenOtherShapeThenNullSoCelCompilesIt(String expression) {
    assertThat(PlainConditionParser.parse(expression)).isNull();
  }

  @ParameterizedTest(name = "{0} operators")
  @ValueSource(ints = {12, 13})
  void parseWhenMoreLogicalOperatorsThanIamAllowsThenNull(int operators) {
    String expression = "request.host == \"a\" || ".repeat(operators) + "request.host == \"b\"";

    assertThat(PlainConditionParser.parse(expression) != null).isEqualTo(operators <= 12);
  }

  @Test
  void parseWhenPublicPathsConditionThenPlainCondition() {
    String expression = PublicPaths.policy(List.of("/public/", "/healthz")).content();

    String condition = expression.replaceAll("(?s).*\"expression\": \"(.*)\"}}]}", "$1").replace("\\\"", "\"");
    assertThat(PlainConditionParser.parse(condition)).isNotNull();
  }
}
