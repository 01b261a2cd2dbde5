package dev.invokerguard.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;
import dev.invokerguard.token.KeySource.KeyLookup;
import dev.invokerguard.token.KeySource.KeyLookup.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Unknown kids: a rate-limited refetch, and negative answers remembered for the same interval. */
class HttpKeySourceUnknownKidTest extends KeyEndpoint {
  private HttpKeySource source;

  @BeforeEach
  void loadKeys() {
    serve(TestKeys.jwks(TestKeys.RSA_A), "max-age=3600");
    source = source();
    assertThat(source.prefetch()).isTrue();
  }

  @Test
  void findWhenKidAppearsAfterRotationThenRefetchFindsIt() throws Exception {
    serve(TestKeys.jwks(TestKeys.RSA_A, TestKeys.RSA_B), "max-age=3600");

    KeyLookup lookup = source.find("rsa-b");

    assertThat(lookup.status()).isEqualTo(Status.FOUND);
    assertThat(lookup.key()).isEqualTo(TestKeys.RSA_B.toRSAPublicKey());
    verifyFetches(2);
    assertThat(source.stats().unknownKidRefetches()).isEqualTo(1);
  }

  @Test
  void findWhenKidIsNotInRefetchedSetThenUnknownKid() {
    KeyLookup lookup = source.find("nobody");

    assertThat(lookup.status()).isEqualTo(Status.UNKNOWN_KID);
    verifyFetches(2);
  }

  @Test
  void findWhenStormOfRandomKidsThenAtMostOneRefetchPerInterval() {
    for (int i = 0; i < 200; i++) {
      assertThat(source.find(UUID.randomUUID().toString()).status()).isEqualTo(Status.UNKNOWN_KID);
    }
    verifyFetches(2);

    clock.advance(Duration.ofSeconds(29));
    for (int i = 0; i < 200; i++) {
      source.find(UUID.randomUUID().toString());
    }
    verifyFetches(2);

    clock.advance(Duration.ofSeconds(1));
    for (int i = 0; i < 200; i++) {
      source.find(UUID.randomUUID().toString());
    }
    verifyFetches(3);
    assertThat(source.stats().unknownKidRefetches()).isEqualTo(2);
  }

  @Test
  void findWhenConcurrentStormOfRandomKidsThenOneRefetch() throws Exception {
    int threads = 32;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<KeyLookup>> answers = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        answers.add(pool.submit(() -> {
          start.await();
          return source.find(UUID.randomUUID().toString());
        }));
      }
      start.countDown();
      for (Future<KeyLookup> answer : answers) {
        assertThat(answer.get(10, TimeUnit.SECONDS).status()).isEqualTo(Status.UNKNOWN_KID);
      }
    } finally {
      pool.shutdownNow();
    }

    verifyFetches(2);
  }

  @Test
  void findWhenUnknownKidAnsweredThenAnswerIsRememberedForTheInterval() {
    source.find("first-unknown");
    clock.advance(Duration.ofSeconds(20));
    assertThat(source.find("rotated").status()).isEqualTo(Status.UNKNOWN_KID);
    serve(TestKeys.jwks(TestKeys.RSA_A, renamed(TestKeys.RSA_B, "rotated")), "max-age=3600");
    verifyFetches(2);

    clock.advance(Duration.ofSeconds(15));
    assertThat(source.find("rotated").status()).isEqualTo(Status.UNKNOWN_KID);
    verifyFetches(2);

    clock.advance(Duration.ofSeconds(15));
    assertThat(source.find("rotated").status()).isEqualTo(Status.FOUND);
    verifyFetches(3);
  }

  @Test
  void findWhenRememberedKidArrivesWithAnotherRefetchThenItIsFound() {
    source.find("first-unknown");
    clock.advance(Duration.ofSeconds(10));
    assertThat(source.find("rsa-b").status()).isEqualTo(Status.UNKNOWN_KID);
    serve(TestKeys.jwks(TestKeys.RSA_A, TestKeys.RSA_B), "max-age=3600");
    clock.advance(Duration.ofSeconds(20));

    assertThat(source.find("another-unknown").status()).isEqualTo(Status.UNKNOWN_KID);

    verifyFetches(3);
    assertThat(source.find("rsa-b").status()).isEqualTo(Status.FOUND);
    verifyFetches(3);
  }

  @Test
  void findWhenSameUnknownKidRepeatedThenOnlyTheFirstRefetches() {
    for (int i = 0; i < 5; i++) {
      assertThat(source.find("same").status()).isEqualTo(Status.UNKNOWN_KID);
    }

    verifyFetches(2);
    assertThat(source.stats().unknownKidRefetches()).isEqualTo(1);
  }

  private static RSAKey renamed(RSAKey key, String kid) {
    try {
      return new RSAKey.Builder(key.toRSAPublicKey()).keyID(kid).build();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }
}
