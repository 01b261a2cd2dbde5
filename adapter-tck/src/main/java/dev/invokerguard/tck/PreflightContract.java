package dev.invokerguard.tck;

import static dev.invokerguard.tck.ContractAssertions.assertBearerChallenge;
import static dev.invokerguard.tck.ContractAssertions.assertProblem;
import static dev.invokerguard.tck.ContractFixture.PRIVATE_PATH;
import static org.assertj.core.api.Assertions.assertThat;

import dev.invokerguard.DecisionReason;
import org.junit.jupiter.api.Test;

/**
 * A CORS preflight ({@code OPTIONS} with {@code Origin} and {@code Access-Control-Request-Method}, Fetch
 * standard section 3.2.2) carries no token and passes the guard on a private path (the default of
 * {@code invokerguard.preflight-paths}); the framework answers it. An {@code OPTIONS} that is not a
 * preflight needs a token like any request.
 */
abstract class PreflightContract extends ContractGroup {
  @Test
  void optionsWhenCorsPreflightWithoutTokenThenPassesToTheApplication() throws Exception {
    Reply reply = client().raw("OPTIONS " + PRIVATE_PATH + " HTTP/1.1\r\nHost: " + ContractClient.DEFAULT_HOST
        + "\r\nOrigin: https://app.example.com\r\nAccess-Control-Request-Method: GET\r\n"
        + "Access-Control-Request-Headers: authorization\r\nConnection: close\r\n\r\n");

    assertThat(reply.status()).as("a preflight is answered by the application\n%s", reply).isBetween(200, 299);
    assertThat(reply.mediaType()).as("not a problem").isNotEqualTo("application/problem+json");
    assertThat(reply.headerValues("WWW-Authenticate")).as("no challenge").isEmpty();
  }

  @Test
  void optionsWhenNotAPreflightThen401() throws Exception {
    Reply reply = client().raw("OPTIONS " + PRIVATE_PATH + " HTTP/1.1\r\nHost: " + ContractClient.DEFAULT_HOST
        + "\r\nConnection: close\r\n\r\n");

    assertProblem(reply, DecisionReason.NO_CREDENTIALS);
    assertBearerChallenge(reply, false);
  }
}
