package dev.invokerguard.token;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.invokerguard.token.KeySource.KeyLookup.Status;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Stale on error, backoff after a failure, and "no keys at all" as its own answer. */
class HttpKeySourceStaleTest extends KeyEndpoint {
  private static final Instant EXPIRES = T0.plusSeconds(600);
  private static final KeySetSettings SETTINGS = KeySetSettings.builder()
      .maxStaleness(Duration.ofHours(1))
      .readTimeout(Duration.ofMillis(1_000))
      .build();

  static Stream<Arguments> failures() {
    return Stream.of(
        Arguments.of("HTTP 500", aResponse().withStatus(500).withBody("oops")),
        Arguments.of("HTTP 503", aResponse().withStatus(503)),
        Arguments.of("garbage body", aResponse().withStatus(200).withBody("<html>not json</html>")),
        Arguments.of("empty key set", aResponse().withStatus(200).withBody("{\"keys\":[]}")),
        Arguments.of("timeout", aResponse().withStatus(200).withBody(TestKeys.jwks(TestKeys.RSA_A))
            .withFixedDelay(3_000)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("failures")
  void findWhenRefetchFailsThenLastGoodKeysKeepServing(String name, ResponseDefinitionBuilder failure) {
    HttpKeySource source = loadedSource();
    serve(failure);
    clock.set(EXPIRES.plusSeconds(60));

    assertThat(source.find("rsa-a").status()).isEqualTo(Status.FOUND);
    runQueuedRefreshes();

    assertThat(source.find("rsa-a").status()).isEqualTo(Status.FOUND);
    KeySetStats stats = source.stats();
    assertThat(stats.failures()).isEqualTo(1);
    assertThat(stats.lastError()).isNotBlank();
    assertThat(stats.keyCount()).isEqualTo(1);
    assertThat(stats.fetchedAt()).isEqualTo(T0);
    verifyFetches(2);
  }

  @Test
  void findWhenRefetchFailsThenUnknownKidIsStillAnUnknownKid() {
    HttpKeySource source = loadedSource();
    serve(aResponse().withStatus(500));
    clock.set(EXPIRES.plusSeconds(60));
    source.find("rsa-a");
    runQueuedRefreshes();

    assertThat(source.find("someone-else").status()).isEqualTo(Status.UNKNOWN_KID);
  }

  @Test
  void findWhenStaleKeysPassMaxStalenessThenUnavailableNotUnknownKid() {
    HttpKeySource source = loadedSource();
    serve(aResponse().withStatus(500));

    clock.set(EXPIRES.plus(Duration.ofHours(1)).minusSeconds(1));
    assertThat(source.find("rsa-a").status()).isEqualTo(Status.FOUND);
    runQueuedRefreshes();

    clock.set(EXPIRES.plus(Duration.ofHours(1)));
    assertThat(source.find("rsa-a").status()).isEqualTo(Status.UNAVAILABLE);
    assertThat(source.find("random-kid").status()).isEqualTo(Status.UNAVAILABLE);
    assertThat(source.stats().keyCount()).isZero();
  }

  @Test
  void findWhenRefetchFailedThenNextAttemptWaitsForTheBackoff() {
    HttpKeySource source = loadedSource();
    serve(aResponse().withStatus(500));
    Instant failedAt = EXPIRES.plusSeconds(60);
    clock.set(failedAt);
    source.find("rsa-a");
    runQueuedRefreshes();

    clock.set(failedAt.plusSeconds(29));
    source.find("rsa-a");
    source.find("unknown-kid");
    assertThat(queuedRefreshes).isEmpty();
    verifyFetches(2);

    clock.set(failedAt.plusSeconds(30));
    serve(TestKeys.jwks(TestKeys.RSA_A, TestKeys.RSA_B), "max-age=600");
    source.find("rsa-a");
    assertThat(queuedRefreshes).hasSize(1);
    runQueuedRefreshes();

    verifyFetches(3);
    assertThat(source.stats().lastError()).isNull();
    assertThat(source.stats().keyCount()).isEqualTo(2);
  }

  @Test
  void findWhenFirstFetchFailsThenUnavailableAndRecoversAfterBackoff() {
    serve(aResponse().withStatus(500));
    HttpKeySource source = source(SETTINGS);

    assertThat(source.find("rsa-a").status()).isEqualTo(Status.UNAVAILABLE);
    assertThat(source.find("random-kid").status()).isEqualTo(Status.UNAVAILABLE);
    verifyFetches(1);

    serve(TestKeys.jwks(TestKeys.RSA_A), "max-age=600");
    clock.advance(Duration.ofSeconds(29));
    assertThat(source.find("rsa-a").status()).isEqualTo(Status.UNAVAILABLE);
    verifyFetches(1);

    clock.advance(Duration.ofSeconds(1));
    assertThat(source.find("rsa-a").status()).isEqualTo(Status.FOUND);
    verifyFetches(2);
  }

  @Test
  void findWhenStalenessExceededAndEndpointBackThenRecoversOnTheNextRequest() {
    HttpKeySource source = loadedSource();
    serve(TestKeys.jwks(TestKeys.RSA_B), "max-age=600");

    clock.set(EXPIRES.plus(Duration.ofHours(2)));

    assertThat(source.find("rsa-b").status()).isEqualTo(Status.FOUND);
    assertThat(source.find("rsa-a").status()).isEqualTo(Status.UNKNOWN_KID);
  }

  @Test
  void findWhenEndpointRefusesConnectionsThenUnavailable() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    HttpKeySource source = new HttpKeySource(URI.create("http://127.0.0.1:" + closedPort + "/certs"),
        TokenFamily.KeySetFormat.JWK_SET, SETTINGS, clock, manualExecutor);

    assertThat(source.find("rsa-a").status()).isEqualTo(Status.UNAVAILABLE);
    assertThat(source.find("rsa-a").detail()).contains("no usable keys");
    assertThat(source.stats().failures()).isEqualTo(1);
    source.close();
  }

  private HttpKeySource loadedSource() {
    serve(TestKeys.jwks(TestKeys.RSA_A), "max-age=600");
    HttpKeySource source = source(SETTINGS);
    assertThat(source.prefetch()).isTrue();
    return source;
  }
}
