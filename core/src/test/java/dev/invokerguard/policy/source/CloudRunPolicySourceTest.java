package dev.invokerguard.policy.source;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.invokerguard.policy.source.SourceFixtures.T0;
import static dev.invokerguard.policy.source.SourceFixtures.allows;
import static dev.invokerguard.policy.source.SourceFixtures.invokerPolicy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import dev.invokerguard.testing.MutableClock;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The live policy from the Cloud Run Admin API (and Resource Manager), against WireMock. */
class CloudRunPolicySourceTest {
  static final String LOCATION = "cloudrun://projects/my-project/locations/europe-west1/services/hello";
  static final String SERVICE_PATH = "/v2/projects/my-project/locations/europe-west1/services/hello"
      + ":getIamPolicy?options.requestedPolicyVersion=3";
  static final String PROJECT_PATH = "/v1/projects/my-project:getIamPolicy";

  static WireMockServer server;
  static ScheduledExecutorService idle;

  @TempDir Path dir;
  MutableClock clock;
  final List<ReloadingPolicySource> opened = new ArrayList<>();

  @BeforeAll
  static void startServer() {
    server = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
    server.start();
    idle = Executors.newSingleThreadScheduledExecutor();
  }

  @AfterAll
  static void stopServer() {
    server.stop();
    idle.shutdownNow();
  }

  @BeforeEach
  void reset() {
    server.resetAll();
    clock = MutableClock.at(T0);
  }

  @AfterEach
  void close() {
    opened.forEach(ReloadingPolicySource::close);
  }

  PolicySourceOptions.Builder options() {
    URI base = URI.create(server.baseUrl());
    return PolicySourceOptions.builder().cloudRunBase(base).resourceManagerBase(base).clock(clock)
        .credentials(new GoogleApiCredentials(GoogleCredentials.create(
            new AccessToken("test-token", Date.from(T0.plus(Duration.ofDays(3650)))))))
        .cloudRunInterval(Duration.ofHours(1)).executor(idle).requestTimeout(Duration.ofSeconds(10));
  }

  ReloadingPolicySource open(PolicySourceOptions.Builder options) {
    ReloadingPolicySource source = PolicySources.open(LOCATION, options.build());
    opened.add(source);
    return source;
  }

  void serve(String body) {
    server.stubFor(get(urlEqualTo(SERVICE_PATH)).willReturn(okJson(body)));
  }

  @Test
  void openWhenServiceAnswersThenPolicyServedWithEtagAndAuthenticatedRequest() {
    serve(invokerPolicy("user:alice@example.com", "BwAAA1"));

    ReloadingPolicySource source = open(options());

    assertThat(allows(source, "alice@example.com")).isTrue();
    assertThat(allows(source, "bob@example.com")).isFalse();
    PolicySourceStatus status = source.status();
    assertThat(status.etag()).isEqualTo("BwAAA1");
    assertThat(status.loadedAt()).isEqualTo(T0);
    assertThat(status.reloads()).isEqualTo(1);
    server.verify(getRequestedFor(urlEqualTo(SERVICE_PATH))
        .withHeader("Authorization", equalTo("Bearer test-token")));
  }

  @Test
  void refreshWhenEtagUnchangedThenPolicyKeptWithoutReload() {
    serve(invokerPolicy("user:alice@example.com", "BwAAA1"));
    ReloadingPolicySource source = open(options());
    PolicySnapshot first = source.current().orElseThrow();
    clock.advance(Duration.ofMinutes(5));

    assertThat(source.refresh()).isTrue();

    assertThat(source.current().orElseThrow()).isSameAs(first);
    assertThat(source.status().reloads()).isEqualTo(1);
    assertThat(source.status().checks()).isEqualTo(2);
    assertThat(source.status().age()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void refreshWhenPolicyChangedThenNewPolicyServed() {
    serve(invokerPolicy("user:alice@example.com", "BwAAA1"));
    ReloadingPolicySource source = open(options());
    serve(invokerPolicy("user:bob@example.com", "BwAAA2"));
    clock.advance(Duration.ofMinutes(1));

    assertThat(source.refresh()).isTrue();

    assertThat(allows(source, "bob@example.com")).isTrue();
    assertThat(allows(source, "alice@example.com")).isFalse();
    assertThat(source.status().etag()).isEqualTo("BwAAA2");
    assertThat(source.status().loadedAt()).isEqualTo(T0.plus(Duration.ofMinutes(1)));
  }

  @ParameterizedTest
  @ValueSource(ints = {403, 500})
  void refreshWhenApiAnswersErrorThenLastGoodKeptAndFailureCounted(int status) {
    serve(invokerPolicy("user:alice@example.com", "BwAAA1"));
    ReloadingPolicySource source = open(options());
    server.stubFor(get(urlEqualTo(SERVICE_PATH)).willReturn(aResponse().withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"error\":{\"code\":" + status + ",\"message\":\"Permission 'run.services.getIamPolicy'"
            + " denied\"}}")));

    assertThat(source.refresh()).isFalse();

    assertThat(allows(source, "alice@example.com")).isTrue();
    PolicySourceStatus after = source.status();
    assertThat(after.etag()).isEqualTo("BwAAA1");
    assertThat(after.failures()).isEqualTo(1);
    assertThat(after.consecutiveFailures()).isEqualTo(1);
    assertThat(after.lastFailure()).contains("HTTP " + status).contains("run.services.getIamPolicy");
  }

  @Test
  void refreshWhenApiTimesOutThenLastGoodKept() {
    serve(invokerPolicy("user:alice@example.com", "BwAAA1"));
    ReloadingPolicySource source = open(options().requestTimeout(Duration.ofSeconds(2)));
    server.stubFor(get(urlEqualTo(SERVICE_PATH)).willReturn(
        okJson(invokerPolicy("user:bob@example.com", "BwAAA2")).withFixedDelay(6000)));

    assertThat(source.refresh()).isFalse();

    assertThat(allows(source, "alice@example.com")).isTrue();
    assertThat(allows(source, "bob@example.com")).isFalse();
    assertThat(source.status().lastFailure()).contains("timed out");
  }

  @Test
  void refreshWhenDocumentMalformedThenNothingHalfLoads() {
    serve(invokerPolicy("user:alice@example.com", "BwAAA1"));
    ReloadingPolicySource source = open(options());
    serve("{\"etag\":\"BwAAA2\",\"bindings\":[{\"role\":\"roles/run.invoker\",\"members\":[\"user:bob@example.com\"]},"
        + "{\"role\":\"roles/run.invoker\",\"members\":[\"nobody:x\"]}]}");

    assertThat(source.refresh()).isFalse();

    assertThat(allows(source, "bob@example.com")).isFalse();
    assertThat(source.status().etag()).isEqualTo("BwAAA1");
    assertThat(source.status().lastFailure()).contains("UNKNOWN_MEMBER_PREFIX");
  }

  @Test
  void openWhenApiDownAndLastKnownGoodThenSavedPolicyServed() {
    Path saved = dir.resolve("lkg/policy.json");
    serve(invokerPolicy("user:alice@example.com", "BwAAA1"));
    open(options().lastKnownGood(saved));
    assertThat(saved).exists();
    server.stubFor(get(urlEqualTo(SERVICE_PATH)).willReturn(aResponse().withStatus(503)));
    clock.advance(Duration.ofHours(2));

    ReloadingPolicySource restarted = open(options().lastKnownGood(saved));

    assertThat(allows(restarted, "alice@example.com")).isTrue();
    PolicySourceStatus status = restarted.status();
    assertThat(status.origin()).isEqualTo("last-known-good:" + saved);
    assertThat(status.etag()).isEqualTo("BwAAA1");
    assertThat(status.age()).isEqualTo(Duration.ofHours(2));
    assertThat(status.failures()).isEqualTo(1);
  }

  @Test
  void refreshWhenApiBackAfterLastKnownGoodThenLivePolicyReplacesIt() {
    Path saved = dir.resolve("policy.json");
    serve(invokerPolicy("user:alice@example.com", "BwAAA1"));
    open(options().lastKnownGood(saved));
    server.stubFor(get(urlEqualTo(SERVICE_PATH)).willReturn(aResponse().withStatus(503)));
    ReloadingPolicySource restarted = open(options().lastKnownGood(saved));
    serve(invokerPolicy("user:alice@example.com", "BwAAA1"));

    assertThat(restarted.refresh()).isTrue();

    assertThat(restarted.status().origin()).isEqualTo(LOCATION);
  }

  @Test
  void openWhenApiDownAndNoLastKnownGoodThenNoPolicy() throws Exception {
    server.stubFor(get(urlEqualTo(SERVICE_PATH)).willReturn(aResponse().withStatus(500)));

    ReloadingPolicySource source = open(options().lastKnownGood(dir.resolve("absent.json")));

    assertThat(source.current()).isEmpty();
    assertThat(source.status().loaded()).isFalse();
    assertThat(source.status().lastFailure()).contains("HTTP 500");
    assertThat(Files.exists(dir.resolve("absent.json"))).isFalse();
  }

  @Test
  void openWhenProjectPolicyRequestedThenProjectLayerReadWithVersion3Post() {
    serve(invokerPolicy("user:alice@example.com", "BwAAA1"));
    server.stubFor(post(urlEqualTo(PROJECT_PATH)).willReturn(okJson(
        invokerPolicy("user:bob@example.com", "BwPPP1"))));

    ReloadingPolicySource source = open(options().projectPolicy(true));

    assertThat(allows(source, "bob@example.com")).isTrue();
    assertThat(allows(source, "alice@example.com")).isTrue();
    assertThat(source.status().etag()).isEqualTo("BwPPP1,BwAAA1");
    server.verify(postRequestedFor(urlEqualTo(PROJECT_PATH))
        .withRequestBody(equalToJson("{\"options\":{\"requestedPolicyVersion\":3}}"))
        .withHeader("Authorization", equalTo("Bearer test-token")));
  }

  @Test
  void openWhenProjectPolicyGrantsAllUsersThenNotLoaded() {
    serve(invokerPolicy("user:alice@example.com", "BwAAA1"));
    server.stubFor(post(urlEqualTo(PROJECT_PATH)).willReturn(okJson(invokerPolicy("allUsers", "BwPPP1"))));

    ReloadingPolicySource source = open(options().projectPolicy(true));

    assertThat(source.current()).isEmpty();
    assertThat(source.status().lastFailure()).contains("PUBLIC_MEMBER_IN_PROJECT_LAYER");
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://127.0.0.1.nip.io", "http://run.example.com"})
  void buildWhenApiBaseIsPlainHttpBeyondLoopbackThenRefused(String base) {
    assertThatThrownBy(() -> options().cloudRunBase(URI.create(base)).build())
        .isInstanceOfSatisfying(PolicySourceException.class,
            e -> assertThat(e.code()).isEqualTo(PolicySourceErrorCode.INVALID_OPTION))
        .hasMessageContaining("127.0.0.0/8");
    assertThatThrownBy(() -> options().resourceManagerBase(URI.create(base)).build())
        .isInstanceOf(PolicySourceException.class);
  }
}
