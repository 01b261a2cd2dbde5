package dev.invokerguard.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.invokerguard.DecisionReason;
import java.io.IOException;
import java.util.regex.Pattern;

/** What the contract says an answer looks like: the echo of an allowed request, a problem, a challenge. */
final class ContractAssertions {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** RFC 6750 section 3: {@code Bearer realm="..."}, then optional attributes. */
  private static final Pattern BEARER_REALM = Pattern.compile("Bearer realm=\"[^\"]+\"(, .+)?");

  private ContractAssertions() {}

  /** 200 from the echo endpoint: {@code {"principal": principal, "path": path}}. */
  static void assertServed(Reply reply, String principal, String path) {
    assertThat(reply.status()).as("status of\n%s", reply).isEqualTo(200);
    JsonNode echo = json(reply);
    assertThat(text(echo, "principal", reply)).as("principal the application saw, in\n%s", reply)
        .isEqualTo(principal);
    assertThat(text(echo, "path", reply)).as("path the application routed, in\n%s", reply).isEqualTo(path);
  }

  /** The principal of an echo answer (200). */
  static String echoedPrincipal(Reply reply) {
    assertThat(reply.status()).as("status of\n%s", reply).isEqualTo(200);
    return text(json(reply), "principal", reply);
  }

  /** The path of an echo answer (200). */
  static String echoedPath(Reply reply) {
    assertThat(reply.status()).as("status of\n%s", reply).isEqualTo(200);
    return text(json(reply), "path", reply);
  }

  /**
   * A denial as RFC 9457 asks and DESIGN.md says: the reason's status, {@code application/problem+json} with
   * {@code type} (the reason's problem type), {@code title}, {@code status} and {@code detail}, and none of
   * {@code secrets} (the tokens sent) anywhere in the answer.
   */
  static void assertProblem(Reply reply, DecisionReason reason, String... secrets) {
    assertThat(reply.status()).as("status of\n%s", reply).isEqualTo(reason.status());
    assertThat(reply.mediaType()).as("Content-Type of\n%s", reply).isEqualTo("application/problem+json");
    JsonNode problem = json(reply);
    assertThat(text(problem, "type", reply)).as("problem type in\n%s", reply).isEqualTo(reason.problemType());
    assertThat(text(problem, "title", reply)).as("problem title in\n%s", reply).isNotBlank();
    assertThat(problem.path("status").isInt()).as("numeric problem status in\n%s", reply).isTrue();
    assertThat(problem.path("status").asInt()).as("problem status in\n%s", reply).isEqualTo(reply.status());
    assertThat(text(problem, "detail", reply)).as("problem detail in\n%s", reply).isNotBlank();
    assertNotEchoed(reply, secrets);
  }

  /** None of {@code secrets} appears in the body or any header. */
  static void assertNotEchoed(Reply reply, String... secrets) {
    for (String secret : secrets) {
      assertThat(reply.body()).as("body must not echo the token").doesNotContain(secret);
      reply.headers().forEach((name, values) -> values.forEach(value ->
          assertThat(value).as("header %s must not echo the token", name).doesNotContain(secret)));
    }
  }

  /**
   * The one {@code WWW-Authenticate} challenge: {@code Bearer realm="..."}, with {@code error="invalid_token"}
   * when {@code invalidToken}, and no {@code error} attribute otherwise (RFC 6750 section 3.1: a request
   * without authentication information gets no error code).
   */
  static void assertBearerChallenge(Reply reply, boolean invalidToken) {
    assertThat(reply.headerValues("WWW-Authenticate")).as("WWW-Authenticate of\n%s", reply).hasSize(1);
    String challenge = reply.header("WWW-Authenticate").orElseThrow();
    assertThat(challenge).as("challenge").matches(BEARER_REALM);
    if (invalidToken) {
      assertThat(challenge).as("challenge").contains("error=\"invalid_token\"");
    } else {
      assertThat(challenge).as("challenge").doesNotContain("error=");
    }
  }

  /** {@code Retry-After} as delay-seconds (RFC 9110 section 10.2.3), at least one second. */
  static void assertRetryAfter(Reply reply) {
    String value = reply.header("Retry-After").orElse(null);
    assertThat(value).as("Retry-After of\n%s", reply).isNotNull().matches("[0-9]+");
    assertThat(Long.parseLong(value)).as("Retry-After seconds").isPositive();
  }

  private static JsonNode json(Reply reply) {
    try {
      JsonNode node = JSON.readTree(reply.body());
      if (node == null || !node.isObject()) {
        fail("expected a JSON object in\n%s", reply);
      }
      return node;
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + e.getMessage() + "\n" + reply, e);
    }
  }

  private static String text(JsonNode object, String field, Reply reply) {
    JsonNode value = object.get(field);
    if (value == null || !value.isTextual()) {
      fail("expected a string \"%s\" in\n%s", field, reply);
    }
    return value.asText();
  }
}
