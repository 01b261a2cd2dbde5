package dev.invokerguard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Denials render as RFC 9457 problems with RFC 6750 challenges; nothing leaks the token. */
class HttpProblemTest {
  private static final InvokerGuard GUARD = Guards.standard();
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void problemWhenNoTokenThenChallengeWithoutErrorAttribute() throws Exception {
    HttpProblem problem = GUARD.check(Guards.get("/private").build()).problem().orElseThrow();

    assertThat(problem.status()).isEqualTo(401);
    assertThat(problem.headers()).containsEntry("WWW-Authenticate", "Bearer realm=\"invokerguard\"")
        .containsEntry("Content-Type", "application/problem+json").doesNotContainKey("Retry-After");
    JsonNode body = JSON.readTree(problem.body());
    assertThat(body.get("type").asText()).isEqualTo("urn:invokerguard:problem:no-credentials");
    assertThat(body.get("title").asText()).isEqualTo("Unauthorized");
    assertThat(body.get("status").asInt()).isEqualTo(401);
    assertThat(body.get("detail").asText()).contains("X-Serverless-Authorization");
  }

  @Test
  void problemWhenTokenRejectedThenInvalidTokenChallengeAndTokenNotEchoed() {
    HttpProblem problem = GUARD.check(Guards.bearer("/private", FakeVerifier.EXPIRED)).problem().orElseThrow();

    assertThat(problem.headers().get("WWW-Authenticate"))
        .isEqualTo("Bearer realm=\"invokerguard\", error=\"invalid_token\"");
    assertThat(problem.body()).contains("expired").doesNotContain(FakeVerifier.EXPIRED, "2020-01-01");
  }

  @Test
  void problemWhenSignatureChecksFailThenSameDetailWhicheverFailed() {
    String badSignature = GUARD.check(Guards.bearer("/private", FakeVerifier.BAD_SIGNATURE)).problem()
        .orElseThrow().body();
    String unknownKey = GUARD.check(Guards.bearer("/private", FakeVerifier.UNKNOWN_KID)).problem()
        .orElseThrow().body();

    assertThat(badSignature).isEqualTo(unknownKey).doesNotContain("RSA", "kid", "signature does");
  }

  @Test
  void problemWhenKeysUnavailableThenRetryAfterAndNoChallenge() {
    InvokerGuard guard = Guards.builder().retryAfter(java.time.Duration.ofSeconds(30)).build();

    HttpProblem problem = guard.check(Guards.bearer("/private", FakeVerifier.KEYS_DOWN)).problem().orElseThrow();

    assertThat(problem.status()).isEqualTo(503);
    assertThat(problem.headers()).containsEntry("Retry-After", "30").doesNotContainKey("WWW-Authenticate");
  }

  @Test
  void problemWhenForbiddenThenNoChallenge() {
    HttpProblem problem = GUARD.check(Guards.bearer("/private", FakeVerifier.BOB)).problem().orElseThrow();

    assertThat(problem.status()).isEqualTo(403);
    assertThat(problem.headers()).doesNotContainKey("WWW-Authenticate");
    assertThat(problem.body()).contains("user:bob@example.com");
  }

  @Test
  void problemWhenRealmConfiguredThenChallengeNamesIt() {
    InvokerGuard guard = Guards.builder().realm("orders-service").build();

    assertThat(guard.check(Guards.get("/private").build()).wwwAuthenticate())
        .isEqualTo("Bearer realm=\"orders-service\"");
  }

  @Test
  void problemWhenDetailHoldsPunctuationThenBodyIsValidJson() throws Exception {
    HttpProblem problem = GUARD.check(Guards.get("/a//b").build()).problem().orElseThrow();

    assertThat(problem.status()).isEqualTo(400);
    assertThat(JSON.readTree(problem.body()).get("detail").asText()).endsWith("(//)");
  }

  @Test
  void problemWhenAllowedThenEmpty() {
    assertThat(GUARD.check(Guards.bearer("/private", FakeVerifier.ALICE)).problem()).isEmpty();
  }
}
