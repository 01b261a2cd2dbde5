package dev.invokerguard.tck;

import static dev.invokerguard.tck.ContractFixture.AUDIENCE;
import static dev.invokerguard.tck.ContractFixture.KEYS_WAIT;
import static dev.invokerguard.tck.ContractFixture.PRIVATE_PATH;
import static org.assertj.core.api.Assertions.assertThat;

import dev.invokerguard.runtime.SettingKey;
import dev.invokerguard.testing.TestIssuer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The guard's health as the adapter reports it ({@link RunningAdapter#healthStatus()}, the core's
 * {@code GuardRuntime.health()} translated): UP with a policy and fresh keys; DOWN while a key source has
 * no usable keys or no policy was ever loaded; UP again once the keys arrive. Skipped, saying so, for an
 * adapter that reports no health.
 */
abstract class HealthContract extends ContractGroup {
  @BeforeAll
  void requireHealth() throws Exception {
    Assumptions.assumeTrue(fixture().adapter().healthStatus().isPresent(),
        "skipped: the adapter reports no health (RunningAdapter.healthStatus() is empty)");
  }

  @Test
  void healthWhenPolicyLoadedAndKeysFreshThenUp() throws Exception {
    assertThat(fixture().adapter().healthStatus()).as("health").hasValue("UP");
  }

  @Test
  void healthWhenKeyEndpointDownThenDownAndUpOnceKeysArrive() throws Exception {
    try (TestIssuer down = TestIssuer.start()) {
      down.keyEndpointStatus(500);
      Map<String, String> settings = fixture().settings();
      settings.put(SettingKey.JWKS_URI.property(), down.jwksUri().toString());
      RunningAdapter adapter = fixture().startAdapter(settings);
      try {
        assertThat(adapter.healthStatus()).as("health without keys").hasValue("DOWN");

        down.keyEndpointStatus(200);
        awaitServed(new ContractClient(adapter.baseUri()),
            down.user("alice@example.com").audience(AUDIENCE).sign());

        assertThat(adapter.healthStatus()).as("health once keys arrived").hasValue("UP");
      } finally {
        adapter.stop();
      }
    }
  }

  @Test
  void healthWhenNoPolicyLoadedThenDown() throws Exception {
    List<String> credentials = GoogleCredentialsProbe.sources();
    Assumptions.assumeTrue(credentials.isEmpty(), () -> "skipped: Google credentials are available here ("
        + String.join(", ", credentials) + "), so a cloudrun:// policy would be fetched from Google");
    Map<String, String> settings = fixture().settings();
    settings.put(SettingKey.POLICY.property(), UnavailablePolicyContract.UNREACHABLE_POLICY);
    RunningAdapter adapter = fixture().startAdapter(settings);
    try {
      assertThat(adapter.healthStatus()).as("health without a policy").hasValue("DOWN");
    } finally {
      adapter.stop();
    }
  }

  /**
   * Sends the token until it is served: after a failed fetch the key source retries only after its back-off
   * (30 s by default), on the next request that needs a key.
   */
  private static void awaitServed(ContractClient client, String token) throws Exception {
    Instant deadline = Instant.now().plus(KEYS_WAIT);
    Optional<Reply> last = Optional.empty();
    while (Instant.now().isBefore(deadline)) {
      Reply reply = client.get(PRIVATE_PATH, "Authorization: Bearer " + token);
      if (reply.status() == 200) {
        return;
      }
      last = Optional.of(reply);
      Thread.sleep(500);
    }
    throw new AssertionError("keys did not arrive within " + KEYS_WAIT + " after the key endpoint came back;"
        + " last answer:\n" + last.map(Reply::toString).orElse("none"));
  }
}
