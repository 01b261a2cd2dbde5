package dev.invokerguard.token;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.invokerguard.token.KeySource.KeyLookup.Status;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Refresh ahead: keys are refetched in the background before they expire. */
class HttpKeySourceRefreshTest extends KeyEndpoint {

  @Test
  void findWhenLessThan80PercentOfLifetimePassedThenNoRefreshIsDispatched() {
    serve(TestKeys.jwks(TestKeys.RSA_A), "max-age=1000");
    HttpKeySource source = source();
    source.find("rsa-a");

    clock.set(T0.plusSeconds(799));
    source.find("rsa-a");

    assertThat(queuedRefreshes).isEmpty();
    verifyFetches(1);
  }

  @Test
  void findWhen80PercentOfLifetimePassedThenAnswersAtOnceAndRefreshesOnTheExecutor() {
    serve(TestKeys.jwks(TestKeys.RSA_A), "max-age=1000");
    HttpKeySource source = source();
    source.find("rsa-a");
    serve(TestKeys.jwks(TestKeys.RSA_A, TestKeys.RSA_B), "max-age=1000");

    clock.set(T0.plusSeconds(800));
    Status answer = source.find("rsa-a").status();

    assertThat(answer).isEqualTo(Status.FOUND);
    assertThat(queuedRefreshes).hasSize(1);
    verifyFetches(1);

    runQueuedRefreshes();

    verifyFetches(2);
    assertThat(source.stats().fetchedAt()).isEqualTo(T0.plusSeconds(800));
    assertThat(source.stats().expiresAt()).isEqualTo(T0.plusSeconds(1800));
    assertThat(source.find("rsa-b").status()).isEqualTo(Status.FOUND);
    assertThat(source.stats().unknownKidRefetches()).isZero();
  }

  @Test
  void findWhenRefreshAlreadyDispatchedThenNoSecondOneIsQueued() {
    serve(TestKeys.jwks(TestKeys.RSA_A), "max-age=1000");
    HttpKeySource source = source();
    source.find("rsa-a");
    clock.set(T0.plusSeconds(900));

    for (int i = 0; i < 20; i++) {
      source.find("rsa-a");
    }

    assertThat(queuedRefreshes).hasSize(1);
  }

  @Test
  void findWhenRefreshIsSlowThenRequestThreadDoesNotWaitForIt() throws InterruptedException {
    serve(TestKeys.jwks(TestKeys.RSA_A), "max-age=1000");
    ExecutorService refreshThread = Executors.newSingleThreadExecutor();
    try {
      HttpKeySource source = source(KeySetSettings.defaults(), refreshThread);
      source.find("rsa-a");
      serve(aResponse().withStatus(200).withBody(TestKeys.jwks(TestKeys.RSA_A)).withFixedDelay(2_000));
      clock.set(T0.plusSeconds(850));

      long started = System.nanoTime();
      for (int i = 0; i < 10; i++) {
        assertThat(source.find("rsa-a").status()).isEqualTo(Status.FOUND);
      }
      Duration took = Duration.ofNanos(System.nanoTime() - started);

      assertThat(took).isLessThan(Duration.ofMillis(1_000));
    } finally {
      refreshThread.shutdown();
      assertThat(refreshThread.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }
    verifyFetches(2);
  }

  @Test
  void findWhenKeysExpiredWithoutRefreshThenStillServedWhileRefetching() {
    serve(TestKeys.jwks(TestKeys.RSA_A), "max-age=1000");
    HttpKeySource source = source();
    source.find("rsa-a");

    clock.set(T0.plusSeconds(5_000));

    assertThat(source.find("rsa-a").status()).isEqualTo(Status.FOUND);
    assertThat(queuedRefreshes).hasSize(1);
    runQueuedRefreshes();
    assertThat(source.stats().fetchedAt()).isEqualTo(T0.plusSeconds(5_000));
  }
}
