package dev.invokerguard.runtime;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.invokerguard.request.AccessRequest;
import dev.invokerguard.runtime.GuardHealth.Status;
import dev.invokerguard.policy.source.ApiCredentials;
import dev.invokerguard.testing.MutableClock;
import dev.invokerguard.testing.TestIssuer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.BooleanSupplier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link GuardRuntime#health()} of a running guard: a hand-moved clock and a key endpoint that fails. */
class GuardRuntimeHealthTest {
  private static final String AUDIENCE = "https://svc.example";
  private static final String KEYS = "/oauth2/v3/certs";
  private static final String SERVICE_POLICY = "/v2/projects/p/locations/europe-west1/services/s:getIamPolicy";

  @TempDir Path dir;
  private final MutableClock clock = MutableClock.at(Instant.parse("2026-03-01T10:00:00Z"));
  private final ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1);
  private WireMockServer server;
  private TestIssuer issuer;

  @BeforeEach
  void start() throws Exception {
    issuer = TestIssuer.start(clock);
    server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    server.start();
    String jwks = HttpClient.newHttpClient().send(HttpRequest.newBuilder(issuer.jwksUri()).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    server.stubFor(get(urlEqualTo(KEYS)).willReturn(aResponse().withStatus(200)
        .withHeader("Cache-Control", "public, max-age=3600").withBody(jwks)));
  }

  @AfterEach
  void stop() {
    server.stop();
    issuer.close();
    executor.shutdownNow();
  }

  private GuardSettings.Builder settings(String policy) {
    return GuardSettings.builder().policy(policy).audiences(AUDIENCE)
        .jwksUri(URI.create("http://127.0.0.1:" + server.port() + KEYS));
  }

  private Path aliceFile() throws IOException {
    return Files.writeString(dir.resolve("policy.json"), """
        {"bindings": [{"role": "roles/run.invoker", "members": ["user:alice@example.com"]}]}""");
  }

  private int aliceStatus(GuardRuntime runtime) {
    return runtime.guard().check(AccessRequest.builder("GET", "svc.example", "/")
        .header("Authorization", "Bearer " + issuer.user("alice@example.com").audience(AUDIENCE)
            .expiresIn(Duration.ofDays(3)).sign())
        .build()).status();
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(condition.getAsBoolean()).as("condition met within 10 s").isTrue();
  }

  @Test
  void healthWhenKeyEndpointFailsThenDegradedWhileLastGoodKeysServeAndDownOnceTheyAreTooOld() throws Exception {
    try (GuardRuntime runtime = GuardRuntime.builder(settings(aliceFile().toString()).build())
        .clock(clock).executor(executor).start()) {
      assertThat(runtime.keysPrefetched().toCompletableFuture().get(10, TimeUnit.SECONDS)).isTrue();
      GuardHealth up = runtime.health();
      assertThat(up.status()).isEqualTo(Status.UP);
      assertThat(up.policyEtag()).startsWith("sha256:");
      assertThat(up.policyAge()).isEqualTo(Duration.ZERO);
      assertThat(up.keySources()).singleElement()
          .satisfies(k -> assertThat(k.age()).isEqualTo(Duration.ZERO))
          .satisfies(k -> assertThat(k.lastError()).isNull());

      server.stubFor(get(urlEqualTo(KEYS)).willReturn(aResponse().withStatus(500)));
      clock.advance(Duration.ofMinutes(50));
      assertThat(aliceStatus(runtime)).isEqualTo(200);
      await(() -> runtime.keySetStats().get(0).lastError() != null);

      GuardHealth failing = runtime.health();
      assertThat(failing.status()).isEqualTo(Status.DEGRADED);
      assertThat(failing.keySources().get(0).lastError()).contains("500");
      assertThat(failing.keySources().get(0).age()).isEqualTo(Duration.ofMinutes(50));
      assertThat(failing.policyAge()).isEqualTo(Duration.ofMinutes(50));

      clock.advance(Duration.ofMinutes(11));
      assertThat(runtime.health().status()).isEqualTo(Status.DEGRADED);
      assertThat(runtime.health().reasons()).anySatisfy(r -> assertThat(r).contains("past their lifetime"));
      assertThat(aliceStatus(runtime)).isEqualTo(200);

      clock.advance(Duration.ofHours(24));
      GuardHealth down = runtime.health();
      assertThat(down.status()).isEqualTo(Status.DOWN);
      assertThat(down.keySources().get(0).status()).isEqualTo(Status.DOWN);
      assertThat(aliceStatus(runtime)).isEqualTo(503);
    }
  }

  @Test
  void healthWhenPolicyFileBreaksThenDegradedWithTheErrorAndTheOldEtag() throws Exception {
    Path file = aliceFile();
    try (GuardRuntime runtime = GuardRuntime.builder(settings(file.toString())
        .policyRefreshInterval(Duration.ofMillis(50)).build()).clock(clock).executor(executor).start()) {
      String etag = runtime.health().policyEtag();
      Files.writeString(file, "{\"bindings\": [");

      await(() -> runtime.policyStatus().consecutiveFailures() > 0);

      GuardHealth health = runtime.health();
      assertThat(health.status()).isEqualTo(Status.DEGRADED);
      assertThat(health.policyEtag()).isEqualTo(etag);
      assertThat(health.policyError()).contains("SYNTAX_ERROR");
      assertThat(aliceStatus(runtime)).isEqualTo(200);
    }
  }

  @Test
  void healthWhenCloudRunPolicyCannotBeReadThenDownUntilTheApiAnswersWithTheGivenCredentials()
      throws Exception {
    server.stubFor(get(urlPathEqualTo(SERVICE_POLICY)).willReturn(aResponse().withStatus(403)
        .withBody("{\"error\":{\"message\":\"Permission 'run.services.getIamPolicy' denied\"}}")));
    GuardSettings settings = settings("cloudrun://projects/p/locations/europe-west1/services/s")
        .policyRefreshInterval(Duration.ofMillis(50)).build();
    try (GuardRuntime runtime = GuardRuntime.builder(settings).clock(clock).executor(executor)
        .apiCredentials(ApiCredentials.accessToken("test-token"))
        .cloudRunBase(URI.create("http://127.0.0.1:" + server.port())).start()) {
      GuardHealth down = runtime.health();
      assertThat(down.status()).isEqualTo(Status.DOWN);
      assertThat(down.policyError()).contains("403", "run.services.getIamPolicy");
      assertThat(aliceStatus(runtime)).isEqualTo(503);

      server.stubFor(get(urlPathEqualTo(SERVICE_POLICY)).withHeader("Authorization", equalTo("Bearer test-token"))
          .willReturn(aResponse().withStatus(200).withBody("""
              {"etag": "BwE1", "bindings": [{"role": "roles/run.invoker", "members": ["user:alice@example.com"]}]}""")));
      await(() -> runtime.health().status() == Status.UP);

      assertThat(runtime.health().policyEtag()).isEqualTo("BwE1");
      assertThat(aliceStatus(runtime)).isEqualTo(200);
    }
  }
}
