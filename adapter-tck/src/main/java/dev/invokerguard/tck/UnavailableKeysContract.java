package dev.invokerguard.tck;

import static dev.invokerguard.tck.ContractAssertions.assertProblem;
import static dev.invokerguard.tck.ContractAssertions.assertRetryAfter;
import static dev.invokerguard.tck.ContractAssertions.assertServed;
import static dev.invokerguard.tck.ContractFixture.ALL_USERS;
import static dev.invokerguard.tck.ContractFixture.AUDIENCE;
import static dev.invokerguard.tck.ContractFixture.PRIVATE_PATH;
import static dev.invokerguard.tck.ContractFixture.PUBLIC_PATH;

import dev.invokerguard.DecisionReason;
import dev.invokerguard.runtime.SettingKey;
import dev.invokerguard.testing.TestIssuer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * 503 with {@code Retry-After} when the keys that verify a token cannot be had (the key endpoint is down
 * from the start, so there are no cached keys), never an allow; a request that needs no key is still
 * decided. Runs its own adapter against an issuer whose key endpoint answers 500.
 */
abstract class UnavailableKeysContract extends ContractGroup {
  private TestIssuer down;
  private RunningAdapter adapter;
  private ContractClient client;

  @BeforeAll
  void startWithKeyEndpointDown() throws Exception {
    down = TestIssuer.start();
    down.keyEndpointStatus(500);
    Map<String, String> settings = fixture().settings();
    settings.put(SettingKey.JWKS_URI.property(), down.jwksUri().toString());
    adapter = fixture().startAdapter(settings);
    client = new ContractClient(adapter.baseUri());
  }

  @AfterAll
  void stop() throws Exception {
    try {
      if (adapter != null) {
        adapter.stop();
      }
    } finally {
      if (down != null) {
        down.close();
      }
    }
  }

  @Test
  void getWhenTokenNeedsUnavailableKeysThen503RetryAfterProblem() throws Exception {
    String token = down.user("alice@example.com").audience(AUDIENCE).sign();

    Reply reply = client.get(PRIVATE_PATH, "Authorization: Bearer " + token);

    assertProblem(reply, DecisionReason.KEYS_UNAVAILABLE, token);
    assertRetryAfter(reply);
  }

  @Test
  void getWhenNoKeyNeededThenStillDecided() throws Exception {
    assertServed(client.get(PUBLIC_PATH), ALL_USERS, PUBLIC_PATH);
    assertProblem(client.get(PRIVATE_PATH), DecisionReason.NO_CREDENTIALS);
  }
}
