package dev.invokerguard.tck;

import static dev.invokerguard.tck.ContractAssertions.assertProblem;
import static dev.invokerguard.tck.ContractFixture.PRIVATE_PATH;
import static org.assertj.core.api.Assertions.assertThat;

import dev.invokerguard.DecisionReason;
import org.junit.jupiter.api.Test;

/** 403 for an authenticated caller without a grant: a problem body, no challenge, no echo of the token. */
abstract class ForbiddenContract extends ContractGroup {
  @Test
  void getWhenAuthenticatedCallerWithoutGrantThen403WithoutChallenge() throws Exception {
    String token = fixture().bob();

    Reply reply = client().get(PRIVATE_PATH, "Authorization: Bearer " + token);

    assertProblem(reply, DecisionReason.NO_BINDING, token);
    assertThat(reply.headerValues("WWW-Authenticate")).as("WWW-Authenticate of a 403").isEmpty();
  }
}
