package dev.invokerguard.tck;

import static dev.invokerguard.tck.ContractAssertions.assertBearerChallenge;
import static dev.invokerguard.tck.ContractAssertions.assertProblem;
import static dev.invokerguard.tck.ContractFixture.AUDIENCE;
import static dev.invokerguard.tck.ContractFixture.PRIVATE_PATH;

import dev.invokerguard.DecisionReason;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * 401 for a caller the policy does not admit anonymously (RFC 6750 section 3): {@code WWW-Authenticate:
 * Bearer realm="..."} without an {@code error} attribute when no token was sent, with
 * {@code error="invalid_token"} when one was sent and rejected; a problem body that never echoes the token.
 */
abstract class UnauthenticatedContract extends ContractGroup {
  @Test
  void getWhenNoTokenOnPrivatePathThen401ChallengeWithoutError() throws Exception {
    Reply reply = client().get(PRIVATE_PATH);

    assertProblem(reply, DecisionReason.NO_CREDENTIALS);
    assertBearerChallenge(reply, false);
  }

  @Test
  void getWhenOnlyTheApplicationsOwnAuthorizationThen401ChallengeWithoutError() throws Exception {
    Reply reply = client().get(PRIVATE_PATH, "Authorization: Basic YWxhZGRpbjpvcGVuc2VzYW1l");

    assertProblem(reply, DecisionReason.NO_CREDENTIALS, "YWxhZGRpbjpvcGVuc2VzYW1l");
    assertBearerChallenge(reply, false);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Authorization", "X-Serverless-Authorization"})
  void getWhenEmptyBearerTokenOnPrivatePathThen401InvalidToken(String header) throws Exception {
    Reply reply = client().rawGet(PRIVATE_PATH, header + ": Bearer ");

    assertProblem(reply, DecisionReason.TOKEN_REJECTED);
    assertBearerChallenge(reply, true);
  }

  Stream<Arguments> rejectedTokens() {
    ContractFixture f = fixture();
    Instant past = Instant.now().minusSeconds(7200);
    return Stream.of(
        Arguments.of("bad signature", f.issuer.user("alice@example.com").audience(AUDIENCE).corruptSignature()
            .sign()),
        Arguments.of("expired", f.issuer.user("alice@example.com").audience(AUDIENCE).issuedAt(past)
            .expiresAt(past.plusSeconds(3600)).sign()),
        Arguments.of("other audience", f.issuer.user("alice@example.com").audience("https://other.example")
            .sign()),
        Arguments.of("alg none", f.issuer.user("alice@example.com").audience(AUDIENCE).signNone()),
        Arguments.of("not a JWT", "not-a-jwt"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rejectedTokens")
  void getWhenRejectedTokenOnPrivatePathThen401InvalidToken(String why, String token) throws Exception {
    Reply reply = client().get(PRIVATE_PATH, "Authorization: Bearer " + token);

    assertProblem(reply, DecisionReason.TOKEN_REJECTED, token);
    assertBearerChallenge(reply, true);
  }
}
