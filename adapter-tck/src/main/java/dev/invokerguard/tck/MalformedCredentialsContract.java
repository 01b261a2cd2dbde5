package dev.invokerguard.tck;

import static dev.invokerguard.tck.ContractAssertions.assertNotEchoed;
import static dev.invokerguard.tck.ContractAssertions.assertProblem;
import static dev.invokerguard.tck.ContractFixture.PRIVATE_PATH;
import static dev.invokerguard.tck.ContractFixture.PUBLIC_PATH;
import static org.assertj.core.api.Assertions.assertThat;

import dev.invokerguard.DecisionReason;
import org.junit.jupiter.api.Test;

/**
 * 400 for a request whose credentials are ambiguous (two tokens, a repeated credential header) or
 * oversized, even on a public path: the guard must see every value of a repeated header, so these are sent
 * over a socket, exactly as written. The test application accepts request headers of at least 32 KiB, so
 * the guard's own limit (16 KiB) answers a long token; a header far beyond any limit is refused by someone
 * and never served.
 */
abstract class MalformedCredentialsContract extends ContractGroup {
  @Test
  void getWhenTwoAuthorizationHeadersThen400AmbiguousCredentials() throws Exception {
    String alice = fixture().alice();
    String bob = fixture().bob();

    Reply reply = client().rawGet(PUBLIC_PATH, "Authorization: Bearer " + alice, "Authorization: Bearer " + bob);

    assertProblem(reply, DecisionReason.AMBIGUOUS_CREDENTIALS, alice, bob);
  }

  @Test
  void getWhenTwoServerlessAuthorizationHeadersThen400AmbiguousCredentials() throws Exception {
    String alice = fixture().alice();
    String bob = fixture().bob();

    Reply reply = client().rawGet(PRIVATE_PATH, "X-Serverless-Authorization: Bearer " + alice,
        "X-Serverless-Authorization: Bearer " + bob);

    assertProblem(reply, DecisionReason.AMBIGUOUS_CREDENTIALS, alice, bob);
  }

  @Test
  void getWhenTwoTokensInOneAuthorizationHeaderThen400AmbiguousCredentials() throws Exception {
    String alice = fixture().alice();
    String bob = fixture().bob();

    Reply reply = client().rawGet(PRIVATE_PATH, "Authorization: Bearer " + alice + " " + bob);

    assertProblem(reply, DecisionReason.AMBIGUOUS_CREDENTIALS, alice, bob);
  }

  @Test
  void getWhenTokenOverTheGuardsLimitThen400HeaderTooLarge() throws Exception {
    String token = fixture().alice() + "a".repeat(20 * 1024);

    Reply reply = client().rawGet(PRIVATE_PATH, "Authorization: Bearer " + token);

    assertProblem(reply, DecisionReason.HEADER_TOO_LARGE, token, "aaaaaaaaaaaaaaaa");
  }

  @Test
  void getWhen64KibHeaderThenClientErrorAndNotServed() throws Exception {
    String big = "a".repeat(64 * 1024);

    Reply token = client().rawGet(PUBLIC_PATH, "Authorization: Bearer " + big);
    Reply padding = client().rawGet(PUBLIC_PATH, "X-Padding: " + big);

    for (Reply reply : new Reply[] {token, padding}) {
      assertThat(reply.status()).as("%s", reply).isIn(400, 413, 431);
      assertThat(reply.body()).as("must not reach the application").doesNotContain("\"principal\"");
      assertNotEchoed(reply, big.substring(0, 1024));
    }
  }
}
