package dev.invokerguard.tck;

import static dev.invokerguard.tck.ContractAssertions.assertBearerChallenge;
import static dev.invokerguard.tck.ContractAssertions.assertProblem;
import static dev.invokerguard.tck.ContractAssertions.assertServed;
import static dev.invokerguard.tck.ContractFixture.ALICE;
import static dev.invokerguard.tck.ContractFixture.AUDIENCE;
import static dev.invokerguard.tck.ContractFixture.PRIVATE_PATH;

import dev.invokerguard.DecisionReason;
import org.junit.jupiter.api.Test;

/**
 * {@code X-Serverless-Authorization} takes precedence over {@code Authorization}, which is then the
 * application's own (<a href="https://cloud.google.com/run/docs/authenticating/service-to-service">Cloud Run
 * service-to-service authentication</a>): its token alone decides, in both directions, and a rejected one
 * does not fall back to {@code Authorization}.
 */
abstract class ServerlessAuthorizationContract extends ContractGroup {
  @Test
  void getWhenServerlessTokenAndBasicAuthorizationThenServedAsServerlessCaller() throws Exception {
    assertServed(client().get(PRIVATE_PATH, "Authorization: Basic YWxhZGRpbjpvcGVuc2VzYW1l",
        "X-Serverless-Authorization: Bearer " + fixture().alice()), ALICE, PRIVATE_PATH);
  }

  @Test
  void getWhenGrantedServerlessTokenAndOtherBearerThenServedAsServerlessCaller() throws Exception {
    assertServed(client().get(PRIVATE_PATH, "Authorization: Bearer " + fixture().bob(),
        "X-Serverless-Authorization: Bearer " + fixture().alice()), ALICE, PRIVATE_PATH);
  }

  @Test
  void getWhenUngrantedServerlessTokenAndGrantedBearerThen403() throws Exception {
    String bob = fixture().bob();
    String alice = fixture().alice();

    Reply reply = client().get(PRIVATE_PATH, "Authorization: Bearer " + alice,
        "X-Serverless-Authorization: Bearer " + bob);

    assertProblem(reply, DecisionReason.NO_BINDING, bob, alice);
  }

  @Test
  void getWhenRejectedServerlessTokenAndGrantedBearerThen401InvalidToken() throws Exception {
    String forged = fixture().issuer.user("alice@example.com").audience(AUDIENCE).corruptSignature().sign();
    String alice = fixture().alice();

    Reply reply = client().get(PRIVATE_PATH, "Authorization: Bearer " + alice,
        "X-Serverless-Authorization: Bearer " + forged);

    assertProblem(reply, DecisionReason.TOKEN_REJECTED, forged, alice);
    assertBearerChallenge(reply, true);
  }
}
