package dev.invokerguard.micronaut.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invokerguard.client.OutboundTokens;
import dev.invokerguard.testing.FakeMetadataServer;
import dev.invokerguard.testing.TestIssuer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The real Netty server guarding {@code /private/**}, calling itself through the real Micronaut HTTP
 * client: its configured target is its own {@code /private}, tokens come from the fake metadata server
 * through Google Auth Library's {@code ComputeEngineCredentials}.
 */
@MicronautTest(environments = Environment.TEST)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdTokenClientFilterTest implements TestPropertyProvider {
  private static final TestIssuer ISSUER = TestIssuer.start();
  private static final FakeMetadataServer METADATA =
      FakeMetadataServer.start(ISSUER, OutboundSettings.SERVICE_ACCOUNT);
  private static final int PORT = OutboundSettings.freePort();
  private static final java.net.http.HttpClient JDK =
      java.net.http.HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  @Inject
  @Client("/")
  HttpClient client;

  @Inject
  BackendClient backend;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new HashMap<>();
    OutboundSettings.of(ISSUER, METADATA, PORT).forEach((k, v) -> properties.put(k, v.toString()));
    return properties;
  }

  @AfterAll
  void stop() {
    METADATA.close();
    ISSUER.close();
  }

  private static String get(int port, String path, String... headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(60));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return JDK.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  @Test
  void callWhenTargetThenTheGuardAllowsTheServiceAccountWithATokenForTheAudience() throws Exception {
    assertThat(get(PORT, "/public/call/private/x"))
        .isEqualTo("status=200 body=caller=serviceAccount:" + OutboundSettings.SERVICE_ACCOUNT
            + " principal=serviceAccount:" + OutboundSettings.SERVICE_ACCOUNT + " context=yes path=/private/x");
    assertThat(METADATA.audiences()).containsOnly(OutboundSettings.AUDIENCE);
  }

  @Test
  void callWhenRequestHasItsOwnAuthorizationThenItIsKeptAndTheTokenGoesInXServerlessAuthorization()
      throws Exception {
    assertThat(get(PORT, "/public/call/private/headers", "X-Own-Authorization", "ApiKey app-key"))
        .isEqualTo("status=200 body=authorization=ApiKey app-key serverless=bearer");
    assertThat(get(PORT, "/public/call/private/headers"))
        .isEqualTo("status=200 body=authorization=bearer serverless=none");
  }

  @Test
  void callWhenDeclarativeClientOfAServiceIdThenTheTokenIsAddedToItsResolvedUrl() {
    assertThat(backend.privateX())
        .startsWith("caller=serviceAccount:" + OutboundSettings.SERVICE_ACCOUNT + " ");
  }

  @Test
  void callWhenNotATargetThenNoToken() throws Exception {
    assertThat(get(PORT, "/public/call/public/headers"))
        .isEqualTo("status=200 body=authorization=none serverless=none");
  }

  @Test
  void callWithoutTheFilterWhenGuardedPathThen401() throws Exception {
    assertThat(get(PORT, "/private/x")).doesNotContain("caller=");
    HttpResponse<String> direct = JDK.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + PORT + "/private/x")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(direct.statusCode()).isEqualTo(401);
  }

  @Test
  void callsWhenTokenHeldThenNoFurtherMint() throws Exception {
    get(PORT, "/public/call/private/x");
    int mints = METADATA.identityRequests();

    for (int i = 0; i < 5; i++) {
      assertThat(get(PORT, "/public/call/private/x")).startsWith("status=200 ");
    }
    assertThat(client.toBlocking().retrieve("/private/x")).startsWith("caller=serviceAccount:");

    assertThat(METADATA.identityRequests()).isEqualTo(mints).isEqualTo(1);
  }

  @Test
  void callWhenMetadataServerFailsThenTheCallFailsAndNothingIsSent() throws Exception {
    int port = OutboundSettings.freePort();
    try (FakeMetadataServer failing = FakeMetadataServer.start(ISSUER, OutboundSettings.SERVICE_ACCOUNT);
        EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class,
            OutboundSettings.of(ISSUER, failing, port), Environment.TEST)) {
      failing.status(500);

      String answer = get(server.getPort(), "/public/call/private/headers");

      assertThat(answer).startsWith("failed=").contains("cannot mint an ID token for " + OutboundSettings.AUDIENCE);
      assertThat(failing.identityRequests()).isPositive();
    }
  }

  @Test
  void startWhenTargetMalformedThenStartUpFailsNamingTheProperty() {
    Map<String, Object> properties = new HashMap<>(OutboundSettings.client(METADATA, OutboundSettings.freePort()));
    properties.put("invokerguard.enabled", "false");
    properties.put("invokerguard.client.targets[0].url", "ftp://backend.example.com");

    assertThatThrownBy(() -> ApplicationContext.run(properties, Environment.TEST).close())
        .hasStackTraceContaining("invokerguard.client.targets[0]: a target URL must be http or https");
  }

  @Test
  void startWhenNoTargetsThenNoOutboundTokensAndNoFilter() {
    try (ApplicationContext context = ApplicationContext.run(Map.of("invokerguard.enabled", "false"), Environment.TEST)) {
      assertThat(context.containsBean(OutboundTokens.class)).isFalse();
      assertThat(context.containsBean(IdTokenClientFilter.class)).isFalse();
    }
  }
}
