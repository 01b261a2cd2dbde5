package dev.invokerguard.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.SignedJWT;
import dev.invokerguard.testing.FakeMetadataCredentials;
import dev.invokerguard.testing.FakeMetadataServer;
import dev.invokerguard.testing.TestIssuer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The delegating JDK client over real loopback HTTP, tokens from the fake metadata server. */
class IdTokenHttpClientTest {
  private static final String SA = "frontend@my-project.iam.gserviceaccount.com";
  private final HttpClient jdk = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private List<Map<String, List<String>>> received;
  private final ExecutorService pool = Executors.newCachedThreadPool();
  private TestIssuer issuer;
  private FakeMetadataServer metadata;
  private HeaderRecordingBackend backend;
  private String backendUrl;

  @BeforeEach
  void start() throws Exception {
    issuer = TestIssuer.start();
    metadata = FakeMetadataServer.start(issuer, SA);
    backend = HeaderRecordingBackend.start();
    received = backend.received();
    backendUrl = backend.url();
  }

  @AfterEach
  void stop() {
    pool.shutdownNow();
    backend.close();
    metadata.close();
    issuer.close();
  }

  private IdTokenHttpClient client(OutboundTarget target) {
    return IdTokenHttpClient.wrap(
        jdk,
        OutboundTokens.builder().target(target).credentials(FakeMetadataCredentials.of(metadata)).build());
  }

  private HttpRequest get(String path, String... headers) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(backendUrl + path)).GET();
    return (headers.length == 0 ? builder : builder.headers(headers)).build();
  }

  private String header(int request, String name) {
    List<String> values = received.get(request).get(name);
    return values == null ? null : values.get(0);
  }

  private static String audienceOf(String bearer) throws Exception {
    return SignedJWT.parse(bearer.substring("Bearer ".length())).getJWTClaimsSet().getAudience().get(0);
  }

  @Test
  void sendWhenTargetThenAuthorizationCarriesATokenForItsAudience() throws Exception {
    IdTokenHttpClient client = client(OutboundTarget.of(backendUrl + "/internal"));

    HttpResponse<Void> response = client.send(get("/internal/orders"), HttpResponse.BodyHandlers.discarding());

    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(audienceOf(header(0, "Authorization"))).isEqualTo(backendUrl);
  }

  @Test
  void sendWhenNotATargetThenSentWithoutToken() throws Exception {
    IdTokenHttpClient client = client(OutboundTarget.of(backendUrl + "/internal"));

    client.send(get("/public/x"), HttpResponse.BodyHandlers.discarding());

    assertThat(header(0, "Authorization")).isNull();
    assertThat(header(0, "X-serverless-authorization")).isNull();
    assertThat(metadata.identityRequests()).isZero();
  }

  @Test
  void sendAsyncWhenRequestHasItsOwnAuthorizationThenTokenInXServerlessAuthorization() throws Exception {
    IdTokenHttpClient client = client(OutboundTarget.of(backendUrl));

    client
        .sendAsync(get("/internal/x", "Authorization", "ApiKey app-secret"), HttpResponse.BodyHandlers.discarding())
        .get(60, TimeUnit.SECONDS);

    assertThat(header(0, "Authorization")).isEqualTo("ApiKey app-secret");
    assertThat(audienceOf(header(0, "X-serverless-authorization"))).isEqualTo(backendUrl);
  }

  @Test
  void sendAsyncWhenMintPendingThenReturnsAtOnceAndSendsOnceMinted() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    OutboundTokens tokens =
        OutboundTokens.builder()
            .target(backendUrl)
            .sources(
                audience ->
                    GoogleIdTokenSource.builder(audience)
                        .credentials(FakeMetadataCredentials.of(metadata))
                        .refreshExecutor(task -> pool.execute(() -> awaitThenRun(gate, task)))
                        .build())
            .build();
    IdTokenHttpClient client = IdTokenHttpClient.wrap(jdk, tokens);

    // the call returns while the mint cannot start: it does not wait for it on the caller's thread
    CompletableFuture<HttpResponse<Void>> response =
        pool.submit(() -> client.sendAsync(get("/internal/x"), HttpResponse.BodyHandlers.discarding()))
            .get(60, TimeUnit.SECONDS);

    assertThat(response).isNotDone();
    assertThat(received).isEmpty();
    gate.countDown();
    assertThat(response.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(204);
    assertThat(audienceOf(header(0, "Authorization"))).isEqualTo(backendUrl);
    assertThat(metadata.identityRequests()).isEqualTo(1);
  }

  @Test
  void sendAndSendAsyncWhenMetadataServerFailsThenNothingIsSent() {
    metadata.status(500);
    IdTokenHttpClient client = client(OutboundTarget.of(backendUrl));

    assertThatThrownBy(() -> client.send(get("/internal/x"), HttpResponse.BodyHandlers.discarding()))
        .isInstanceOf(OutboundTokenException.class);
    assertThatThrownBy(
            () -> client.sendAsync(get("/internal/x"), HttpResponse.BodyHandlers.discarding()).get(60, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(OutboundTokenException.class);
    assertThat(received).isEmpty();
  }

  @Test
  void configurationWhenWrappedThenTheDelegatesSettings() {
    IdTokenHttpClient client = client(OutboundTarget.of(backendUrl));

    assertThat(client.connectTimeout()).contains(Duration.ofSeconds(5));
    assertThat(client.version()).isEqualTo(jdk.version());
    assertThat(client.followRedirects()).isEqualTo(jdk.followRedirects());
  }

  @Test
  void wrapWhenDelegateFollowsRedirectsThenRefused() {
    HttpClient following = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
    OutboundTokens tokens =
        OutboundTokens.builder().target(OutboundTarget.of(backendUrl)).credentials(FakeMetadataCredentials.of(metadata)).build();

    assertThatThrownBy(() -> IdTokenHttpClient.wrap(following, tokens))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Redirect.NEVER");
  }

  private static void awaitThenRun(CountDownLatch gate, Runnable task) {
    try {
      gate.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    task.run();
  }
}
