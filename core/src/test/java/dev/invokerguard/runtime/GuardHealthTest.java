package dev.invokerguard.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invokerguard.policy.source.PolicySourceStatus;
import dev.invokerguard.runtime.GuardHealth.Status;
import dev.invokerguard.token.KeySetStats;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The health rule, on values: UP, DEGRADED and DOWN for the policy and each key source. */
class GuardHealthTest {
  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
  private static final URI KEYS = URI.create("https://keys.example/certs");
  private static final URI FIREBASE = URI.create("https://firebase.example/certs");

  private static PolicySourceStatus policy(String origin, long consecutiveFailures, String lastFailure) {
    return new PolicySourceStatus("policy.json", true, "sha256:ab", NOW.minusSeconds(30), Duration.ofSeconds(30),
        origin, 5, 1, consecutiveFailures, consecutiveFailures, lastFailure, NOW);
  }

  private static PolicySourceStatus noPolicy() {
    return new PolicySourceStatus("cloudrun://projects/p/locations/l/services/s", false, null, null, null, null,
        1, 0, 1, 1, "HTTP 403", NOW);
  }

  private static KeySetStats fresh(URI uri) {
    return new KeySetStats(uri, 1, 0, 0, 2, NOW.minusSeconds(60), Duration.ofSeconds(60), NOW.plusSeconds(3600),
        null);
  }

  private static KeySetStats failedRefresh(URI uri) {
    return new KeySetStats(uri, 2, 1, 0, 2, NOW.minusSeconds(60), Duration.ofSeconds(60), NOW.plusSeconds(60),
        "HTTP status 500");
  }

  private static KeySetStats stale(URI uri) {
    return new KeySetStats(uri, 2, 0, 0, 2, NOW.minusSeconds(7200), Duration.ofSeconds(7200), NOW.minusSeconds(1),
        null);
  }

  private static KeySetStats none(URI uri) {
    return new KeySetStats(uri, 1, 1, 0, 0, null, null, null, "connect timed out");
  }

  @Test
  void ofWhenPolicyLoadedAndKeysFreshThenUp() {
    GuardHealth health = GuardHealth.of(policy("policy.json", 0, null), List.of(fresh(KEYS)), NOW);

    assertThat(health.status()).isEqualTo(Status.UP);
    assertThat(health.reasons()).isEmpty();
    assertThat(health.policyEtag()).isEqualTo("sha256:ab");
    assertThat(health.policyAge()).isEqualTo(Duration.ofSeconds(30));
    assertThat(health.policyError()).isNull();
    assertThat(health.keySources()).containsExactly(
        new GuardHealth.KeySourceHealth(KEYS, Status.UP, Duration.ofSeconds(60), null));
  }

  @Test
  void ofWhenServedPolicyOpensEverythingThenUpWithTheWarning() {
    PolicySourceStatus open = new PolicySourceStatus("policy.json", true, "e", NOW, Duration.ZERO, "policy.json",
        1, 1, 0, 0, null, NOW, List.of("policy.json: bindings[0]: grants the invoking role to allUsers"), NOW,
        false);

    GuardHealth health = GuardHealth.of(open, List.of(fresh(KEYS)), NOW);

    assertThat(health.status()).isEqualTo(Status.UP);
    assertThat(health.reasons()).isEmpty();
    assertThat(health.warnings()).singleElement().asString().contains("allUsers", "bindings[0]");
  }

  @Test
  void ofWhenPollsRateLimitedWithinTheStalenessBoundThenUpElseDegraded() {
    PolicySourceStatus backingOff = new PolicySourceStatus("cloudrun://x", true, "e", NOW.minusSeconds(300),
        Duration.ofSeconds(300), "cloudrun://x", 9, 1, 3, 3, "HTTP 429", NOW, List.of(), NOW.minusSeconds(200),
        true);
    PolicySourceStatus stale = new PolicySourceStatus("cloudrun://x", true, "e", NOW.minusSeconds(3000),
        Duration.ofSeconds(3000), "cloudrun://x", 9, 1, 30, 30, "HTTP 429", NOW, List.of(), NOW.minusSeconds(2000),
        false);

    assertThat(GuardHealth.of(backingOff, List.of(fresh(KEYS)), NOW).status()).isEqualTo(Status.UP);
    assertThat(GuardHealth.of(backingOff, List.of(fresh(KEYS)), NOW).policyError()).isEqualTo("HTTP 429");
    assertThat(GuardHealth.of(stale, List.of(fresh(KEYS)), NOW).status()).isEqualTo(Status.DEGRADED);
  }

  @Test
  void ofWhenNoPolicyThenDown() {
    GuardHealth health = GuardHealth.of(noPolicy(), List.of(fresh(KEYS)), NOW);

    assertThat(health.status()).isEqualTo(Status.DOWN);
    assertThat(health.policyError()).isEqualTo("HTTP 403");
    assertThat(health.reasons()).singleElement().asString().contains("no policy loaded", "HTTP 403");
  }

  @Test
  void ofWhenPolicyReloadsFailThenDegradedWithTheError() {
    GuardHealth health = GuardHealth.of(policy("policy.json", 2, "SYNTAX_ERROR"), List.of(fresh(KEYS)), NOW);

    assertThat(health.status()).isEqualTo(Status.DEGRADED);
    assertThat(health.policyError()).isEqualTo("SYNTAX_ERROR");
    assertThat(health.reasons()).singleElement().asString().contains("reloads", "sha256:ab");
  }

  @Test
  void ofWhenPolicyFromLastKnownGoodThenDegraded() {
    GuardHealth health = GuardHealth.of(policy("last-known-good:/var/lkg.json", 1, "HTTP 500"),
        List.of(fresh(KEYS)), NOW);

    assertThat(health.status()).isEqualTo(Status.DEGRADED);
    assertThat(health.reasons()).singleElement().asString().contains("last-known-good");
  }

  @Test
  void ofWhenLastKeyFetchFailedThenDegradedWithTheError() {
    GuardHealth health = GuardHealth.of(policy("policy.json", 0, null), List.of(failedRefresh(KEYS)), NOW);

    assertThat(health.status()).isEqualTo(Status.DEGRADED);
    assertThat(health.keySources().get(0).lastError()).isEqualTo("HTTP status 500");
    assertThat(health.keySources().get(0).status()).isEqualTo(Status.DEGRADED);
  }

  @Test
  void ofWhenKeysPastTheirLifetimeThenDegraded() {
    GuardHealth health = GuardHealth.of(policy("policy.json", 0, null), List.of(stale(KEYS)), NOW);

    assertThat(health.status()).isEqualTo(Status.DEGRADED);
    assertThat(health.reasons()).singleElement().asString().contains("past their lifetime");
  }

  @Test
  void ofWhenOneKeySourceHasNoKeysThenDownAndTheOthersKeepTheirOwnStatus() {
    GuardHealth health = GuardHealth.of(policy("policy.json", 1, "timeout"),
        List.of(fresh(KEYS), none(FIREBASE)), NOW);

    assertThat(health.status()).isEqualTo(Status.DOWN);
    assertThat(health.keySources()).extracting(GuardHealth.KeySourceHealth::status)
        .containsExactly(Status.UP, Status.DOWN);
    assertThat(health.keySources().get(1).lastError()).isEqualTo("connect timed out");
    assertThat(health.reasons()).hasSize(2);
  }
}
