package dev.invokerguard.token;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.RSAKey;
import dev.invokerguard.token.KeySource.KeyLookup.Status;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Prefetch, timeouts and what a fetch refuses: redirects, oversized bodies, URLs inside the document. */
class HttpKeySourceFetchTest extends KeyEndpoint {
  private static final int ONE_MIB = 1024 * 1024;

  @Test
  void prefetchWhenEndpointServesKeysThenLoadsThemSoFindDoesNotFetch() {
    serve(TestKeys.jwks(TestKeys.RSA_A), "max-age=600");
    HttpKeySource source = source();

    assertThat(source.prefetch()).isTrue();
    verifyFetches(1);
    assertThat(source.stats().keyCount()).isEqualTo(1);

    assertThat(source.find("rsa-a").status()).isEqualTo(Status.FOUND);
    verifyFetches(1);
  }

  @Test
  void prefetchWhenUsableKeysCachedThenDoesNotFetch() {
    serve(TestKeys.jwks(TestKeys.RSA_A), "max-age=600");
    HttpKeySource source = source();
    source.prefetch();

    assertThat(source.prefetch()).isTrue();

    verifyFetches(1);
  }

  @Test
  void prefetchWhenEndpointFailsThenFalse() {
    serve(aResponse().withStatus(500));
    HttpKeySource source = source();

    assertThat(source.prefetch()).isFalse();
    assertThat(source.stats().lastError()).contains("500");
  }

  @Test
  void prefetchWhenResponseSlowerThanReadTimeoutThenFailsAtTheTimeout() {
    serve(aResponse().withStatus(200).withBody(TestKeys.jwks(TestKeys.RSA_A)).withFixedDelay(3_000));
    HttpKeySource source = source(KeySetSettings.builder().readTimeout(Duration.ofMillis(250)).build());

    long started = System.nanoTime();
    boolean loaded = source.prefetch();
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(loaded).isFalse();
    assertThat(took).isLessThan(Duration.ofMillis(2_000));
    assertThat(source.stats().lastError()).contains("timed out");
    assertThat(source.find("rsa-a").status()).isEqualTo(Status.UNAVAILABLE);
  }

  @Test
  void prefetchWhenBodyTricklesInWithinTheReadTimeoutThenCutOffAtConnectPlusReadTimeout() {
    serve(aResponse().withStatus(200).withBody(padded(TestKeys.jwks(TestKeys.RSA_A), 4096))
        .withChunkedDribbleDelay(40, 8_000));
    HttpKeySource source = source(KeySetSettings.builder().connectTimeout(Duration.ofMillis(250))
        .readTimeout(Duration.ofMillis(750)).build());

    long started = System.nanoTime();
    boolean loaded = source.prefetch();
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(loaded).isFalse();
    assertThat(took).isLessThan(Duration.ofMillis(5_000));
    assertThat(source.stats().lastError()).isEqualTo("timed out after 1000 ms");
  }

  @Test
  void prefetchWhenHeadersDifferInCaseThenCacheControlStillRead() {
    serve(aResponse().withStatus(200).withBody(TestKeys.jwks(TestKeys.RSA_A))
        .withHeader("cache-control", "max-age=3600").withHeader("AGE", "600"));
    HttpKeySource source = source();

    assertThat(source.prefetch()).isTrue();

    KeySetStats stats = source.stats();
    assertThat(Duration.between(stats.fetchedAt(), stats.expiresAt())).isEqualTo(Duration.ofSeconds(3000));
  }

  @Test
  void prefetchWhenEndpointRedirectsThenRedirectIsNotFollowed() {
    server.stubFor(get(urlEqualTo("/elsewhere")).willReturn(aResponse().withStatus(200)
        .withBody(TestKeys.jwks(TestKeys.RSA_A))));
    serve(aResponse().withStatus(302).withHeader("Location", "/elsewhere"));
    HttpKeySource source = source();

    assertThat(source.prefetch()).isFalse();

    server.verify(0, getRequestedFor(urlEqualTo("/elsewhere")));
    assertThat(source.stats().lastError()).contains("302");
  }

  @Test
  void prefetchWhenBodyLargerThanOneMebibyteThenFails() {
    serve(padded(TestKeys.jwks(TestKeys.RSA_A), ONE_MIB + 1), "max-age=600");
    HttpKeySource source = source();

    assertThat(source.prefetch()).isFalse();
    assertThat(source.stats().lastError()).contains("larger than");
  }

  @Test
  void prefetchWhenBodyExactlyOneMebibyteThenLoads() {
    serve(padded(TestKeys.jwks(TestKeys.RSA_A), ONE_MIB), "max-age=600");

    assertThat(source().prefetch()).isTrue();
  }

  @Test
  void prefetchWhenDocumentNamesUrlsThenTheyAreNotFetched() {
    server.stubFor(get(urlEqualTo("/x5u")).willReturn(aResponse().withStatus(200)));
    RSAKey withUrl = new RSAKey.Builder(TestKeys.RSA_A.toPublicJWK().toRSAKey())
        .x509CertURL(URI.create(server.baseUrl() + "/x5u")).build();
    String document = "{\"jku\":\"" + server.baseUrl() + "/x5u\",\"keys\":[" + withUrl.toJSONString() + "]}";
    serve(document, "max-age=600");
    HttpKeySource source = source();

    assertThat(source.prefetch()).isTrue();
    assertThat(source.find("rsa-a").status()).isEqualTo(Status.FOUND);

    server.verify(1, getRequestedFor(anyUrl()));
  }

  @Test
  void findWhenPemMapFormatThenReadsGoogleCertificates() {
    serve(TestKeys.resource("gal-java-legacy_federated_keys.json"), "max-age=600");
    HttpKeySource source = new HttpKeySource(uri(), TokenFamily.KeySetFormat.X509_PEM_MAP,
        KeySetSettings.defaults(), clock, manualExecutor);

    assertThat(source.find("f9d97b4cae90bcd76aeb20026f6b770cac221783").status()).isEqualTo(Status.FOUND);
    source.close();
  }

  /** The document followed by spaces up to {@code size} bytes (JSON allows trailing whitespace). */
  private static String padded(String document, int size) {
    return document + " ".repeat(size - document.length());
  }
}
