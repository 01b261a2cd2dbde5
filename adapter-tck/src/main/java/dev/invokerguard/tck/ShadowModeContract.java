package dev.invokerguard.tck;

import static dev.invokerguard.tck.ContractAssertions.assertServed;
import static dev.invokerguard.tck.ContractFixture.ALICE;
import static dev.invokerguard.tck.ContractFixture.ALL_USERS;
import static dev.invokerguard.tck.ContractFixture.BOB;
import static dev.invokerguard.tck.ContractFixture.PRIVATE_PATH;
import static org.assertj.core.api.Assertions.assertThat;

import dev.invokerguard.runtime.SettingKey;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code invokerguard.mode=shadow}: every request is served, the caller exposed as in enforce mode, and each
 * request enforce mode would have denied is counted as a shadowed denial. Runs its own adapter.
 */
abstract class ShadowModeContract extends ContractGroup {
  private RunningAdapter adapter;
  private ContractClient client;

  @BeforeAll
  void startInShadowMode() throws Exception {
    Map<String, String> settings = fixture().settings();
    settings.put(SettingKey.MODE.property(), "shadow");
    adapter = fixture().startAdapter(settings);
    client = new ContractClient(adapter.baseUri());
    fixture().awaitKeys(client, true);
  }

  @AfterAll
  void stop() throws Exception {
    if (adapter != null) {
      adapter.stop();
    }
  }

  @Test
  void getWhenCallerWithoutGrantThenServedAsThatCallerAndCounted() throws Exception {
    long before = adapter.counts().shadowDenied();

    assertServed(client.get(PRIVATE_PATH, "Authorization: Bearer " + fixture().bob()), BOB, PRIVATE_PATH);

    assertThat(adapter.counts().shadowDenied() - before).as("shadowed denials counted").isEqualTo(1);
  }

  @Test
  void getWhenNoTokenOnPrivatePathThenServedAsAllUsersAndCounted() throws Exception {
    long before = adapter.counts().shadowDenied();

    assertServed(client.get(PRIVATE_PATH), ALL_USERS, PRIVATE_PATH);

    assertThat(adapter.counts().shadowDenied() - before).as("shadowed denials counted").isEqualTo(1);
  }

  @Test
  void getWhenGrantedCallerThenServedAndNotCountedAsDenial() throws Exception {
    long before = adapter.counts().shadowDenied();

    assertServed(client.get(PRIVATE_PATH, "Authorization: Bearer " + fixture().alice()), ALICE, PRIVATE_PATH);

    assertThat(adapter.counts().shadowDenied()).as("shadowed denials").isEqualTo(before);
  }
}
