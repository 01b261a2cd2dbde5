package dev.invokerguard.token;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.invokerguard.token.KeySource.KeyLookup;
import dev.invokerguard.token.KeySource.KeyLookup.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Caching by RFC 9111 lifetime, single flight, counters and closing of {@link HttpKeySource}. */
class HttpKeySourceTest extends KeyEndpoint {

  @Test
  void findWhenKeysFetchedThenLaterFindsAreServedFromMemory() {
    serve(TestKeys.jwks(TestKeys.RSA_A, TestKeys.EC_A), "public, max-age=3600");
    HttpKeySource source = source();

    for (int i = 0; i < 50; i++) {
      clock.advance(Duration.ofSeconds(10));
      assertThat(source.find(i % 2 == 0 ? "rsa-a" : "ec-a").status()).isEqualTo(Status.FOUND);
    }

    verifyFetches(1);
    assertThat(queuedRefreshes).isEmpty();
  }

  @Test
  void findWhenKeyKnownThenReturnsPublicKeyAndDeclaredAlgorithm() throws Exception {
    serve(TestKeys.jwks(TestKeys.RSA_A, TestKeys.EC_A), "max-age=3600");

    KeyLookup rsa = source().find("rsa-a");

    assertThat(rsa.status()).isEqualTo(Status.FOUND);
    assertThat(rsa.key()).isEqualTo(TestKeys.RSA_A.toRSAPublicKey());
    assertThat(rsa.algorithm()).isEqualTo("RS256");
  }

  @ParameterizedTest(name = "Cache-Control {0}, Age {1} -> {2} s")
  @CsvSource(nullValues = "NONE", value = {
      "'public, max-age=19008, must-revalidate, no-transform', NONE, 19008",
      "max-age=3600, 600, 3000",
      "max-age=10, NONE, 300",
      "max-age=3600, 3590, 300",
      "max-age=999999, NONE, 86400",
      "NONE, NONE, 300",
      "max-age=abc, NONE, 300",
      "'no-store, max-age=3600', NONE, 300"})
  void fetchWhenCacheControlGivenThenLifetimeIsMaxAgeMinusAgeClamped(String cacheControl, String age,
      long expectedSeconds) {
    var response = aResponse().withStatus(200).withBody(TestKeys.jwks(TestKeys.RSA_A));
    if (cacheControl != null) {
      response = response.withHeader("Cache-Control", cacheControl);
    }
    if (age != null) {
      response = response.withHeader("Age", age);
    }
    serve(response);
    HttpKeySource source = source();

    assertThat(source.prefetch()).isTrue();

    assertThat(source.stats().expiresAt()).isEqualTo(T0.plusSeconds(expectedSeconds));
  }

  @Test
  void findWhenAgeShortensLifetimeThenRefreshIsDueEarlier() {
    serve(aResponse().withStatus(200).withBody(TestKeys.jwks(TestKeys.RSA_A))
        .withHeader("Cache-Control", "max-age=1000").withHeader("Age", "500"));
    HttpKeySource source = source();
    source.find("rsa-a");

    clock.set(T0.plusSeconds(399));
    source.find("rsa-a");
    assertThat(queuedRefreshes).isEmpty();

    clock.set(T0.plusSeconds(400));
    source.find("rsa-a");
    assertThat(queuedRefreshes).hasSize(1);
  }

  @Test
  void findWhenManyThreadsNeedTheFirstFetchThenOneRequestIsMade() throws Exception {
    serve(aResponse().withStatus(200).withBody(TestKeys.jwks(TestKeys.RSA_A))
        .withHeader("Cache-Control", "max-age=3600").withFixedDelay(500));
    HttpKeySource source = source();
    int threads = 32;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<KeyLookup>> answers = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        answers.add(pool.submit(() -> {
          start.await();
          return source.find("rsa-a");
        }));
      }
      start.countDown();
      for (Future<KeyLookup> answer : answers) {
        assertThat(answer.get(10, TimeUnit.SECONDS).status()).isEqualTo(Status.FOUND);
      }
    } finally {
      pool.shutdownNow();
    }

    verifyFetches(1);
    assertThat(source.stats().fetches()).isEqualTo(1);
  }

  @Test
  void statsWhenKeysFetchedThenReportCountsTimesAndAge() {
    serve(TestKeys.jwks(TestKeys.RSA_A, TestKeys.RSA_B, TestKeys.EC_A), "max-age=3600");
    HttpKeySource source = source();
    source.find("rsa-a");
    clock.advance(Duration.ofSeconds(90));

    KeySetStats stats = source.stats();

    assertThat(stats.keySetUri()).isEqualTo(uri());
    assertThat(stats.fetches()).isEqualTo(1);
    assertThat(stats.failures()).isZero();
    assertThat(stats.unknownKidRefetches()).isZero();
    assertThat(stats.keyCount()).isEqualTo(3);
    assertThat(stats.fetchedAt()).isEqualTo(T0);
    assertThat(stats.age()).isEqualTo(Duration.ofSeconds(90));
    assertThat(stats.expiresAt()).isEqualTo(T0.plusSeconds(3600));
    assertThat(stats.lastError()).isNull();
  }

  @Test
  void statsWhenNothingFetchedYetThenEmpty() {
    KeySetStats stats = source().stats();

    assertThat(stats.fetches()).isZero();
    assertThat(stats.keyCount()).isZero();
    assertThat(stats.fetchedAt()).isNull();
    assertThat(stats.age()).isNull();
    assertThat(stats.expiresAt()).isNull();
  }

  @Test
  void statsWhenFetchFailsThenCountsFailureAndKeepsLastError() {
    serve(aResponse().withStatus(503));
    HttpKeySource source = source();

    source.find("rsa-a");

    KeySetStats stats = source.stats();
    assertThat(stats.fetches()).isEqualTo(1);
    assertThat(stats.failures()).isEqualTo(1);
    assertThat(stats.lastError()).contains("503");
    assertThat(stats.keyCount()).isZero();
  }

  @Test
  void closeWhenKeysCachedThenFindStillAnswersFromMemoryWithoutRefreshing() {
    serve(TestKeys.jwks(TestKeys.RSA_A), "max-age=600");
    HttpKeySource source = source(KeySetSettings.defaults(), null);
    source.find("rsa-a");

    source.close();
    clock.advance(Duration.ofSeconds(590));

    assertThat(source.find("rsa-a").status()).isEqualTo(Status.FOUND);
    assertThat(source.find("other").status()).isEqualTo(Status.UNKNOWN_KID);
    verifyFetches(1);
  }

  @Test
  void closeWhenNoKeysThenFindIsUnavailableWithoutFetching() {
    serve(TestKeys.jwks(TestKeys.RSA_A), "max-age=600");
    HttpKeySource source = source();

    source.close();

    assertThat(source.find("rsa-a").status()).isEqualTo(Status.UNAVAILABLE);
    assertThat(source.prefetch()).isFalse();
    verifyFetches(0);
  }

  @Test
  void closeWhenExecutorWasGivenThenLeavesItRunning() {
    ExecutorService given = Executors.newSingleThreadExecutor();
    try {
      source(KeySetSettings.defaults(), given).close();

      assertThat(given.isShutdown()).isFalse();
    } finally {
      given.shutdownNow();
    }
  }
}
