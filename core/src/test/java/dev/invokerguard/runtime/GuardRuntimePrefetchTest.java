package dev.invokerguard.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invokerguard.Decision;
import dev.invokerguard.request.AccessRequest;
import dev.invokerguard.testing.TestIssuer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link GuardRuntime.Builder#start()} fetches the keys in the background: the application's start goes on. */
class GuardRuntimePrefetchTest {
  private static final String AUDIENCE = "https://svc.example";
  private static final Duration SLOW_KEYS = Duration.ofSeconds(2);

  @TempDir Path dir;
  private TestIssuer issuer;

  @BeforeEach
  void startIssuer() {
    issuer = TestIssuer.start();
  }

  @AfterEach
  void stopIssuer() {
    issuer.close();
  }

  private GuardSettings settings() throws Exception {
    Path policy = Files.writeString(dir.resolve("policy.json"),
        "{\"bindings\": [{\"role\": \"roles/run.invoker\", \"members\": [\"user:alice@example.com\"]}]}");
    return GuardSettings.builder().policy(policy.toString()).audiences(AUDIENCE).jwksUri(issuer.jwksUri()).build();
  }

  private Decision get(GuardRuntime runtime, String email) {
    return runtime.guard().check(AccessRequest.builder("GET", "svc.example", "/")
        .header("Authorization", "Bearer " + issuer.user(email).audience(AUDIENCE).sign()).build());
  }

  @Test
  void startWhenKeyEndpointIsSlowThenReturnsBeforeTheKeysAndTheFirstRequestSharesThatFetch() throws Exception {
    issuer.keyEndpointDelay(SLOW_KEYS);
    GuardSettings settings = settings();
    long started = System.nanoTime();
    try (GuardRuntime runtime = GuardRuntime.start(settings)) {
      long startMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

      assertThat(startMillis).as("start() returned without waiting for the key endpoint").isLessThan(
          SLOW_KEYS.toMillis());
      assertThat(runtime.keysPrefetched().toCompletableFuture().isDone()).isFalse();
      assertThat(runtime.health().status()).isEqualTo(GuardHealth.Status.DOWN);
      assertThat(get(runtime, "alice@example.com").allowed()).isTrue();
      assertThat(runtime.keysPrefetched().toCompletableFuture().get(10, TimeUnit.SECONDS)).isTrue();
      assertThat(issuer.keyRequests()).as("the request waited for the prefetch, not a fetch of its own")
          .isEqualTo(1);
      assertThat(runtime.health().status()).isEqualTo(GuardHealth.Status.UP);
    }
  }

  @Test
  void startWhenKeyEndpointFailsThenStartsAndRequestsThatNeedKeysAre503() throws Exception {
    issuer.keyEndpointStatus(500);
    try (GuardRuntime runtime = GuardRuntime.start(settings())) {
      assertThat(runtime.keysPrefetched().toCompletableFuture().get(10, TimeUnit.SECONDS)).isFalse();

      Decision decision = get(runtime, "alice@example.com");
      assertThat(decision.status()).isEqualTo(503);
      assertThat(runtime.health().status()).isEqualTo(GuardHealth.Status.DOWN);
    }
  }

  @Test
  void keysPrefetchedWhenRuntimeClosedBeforeTheKeysArriveThenStillCompletes() throws Exception {
    issuer.keyEndpointDelay(SLOW_KEYS);
    GuardRuntime runtime = GuardRuntime.start(settings());
    runtime.close();

    assertThat(runtime.keysPrefetched().toCompletableFuture().get(10, TimeUnit.SECONDS)).isNotNull();
  }
}
