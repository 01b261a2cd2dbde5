package dev.invokerguard.runtime;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.invokerguard.Decision;
import dev.invokerguard.InvokerGuardConfigurationException;
import dev.invokerguard.request.AccessRequest;
import dev.invokerguard.testing.TestIssuer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code audiences=auto}: the service's URLs and custom audiences read from a Cloud Run Admin API served by
 * WireMock (a realistic v2 {@code Service} resource), with credentials from a service-account key file whose
 * {@code token_uri} is WireMock's.
 */
class GuardRuntimeAudiencesTest {
  static final String LOCATION = "cloudrun://projects/my-project/locations/europe-west1/services/hello";
  static final String SERVICE_PATH = "/v2/projects/my-project/locations/europe-west1/services/hello";
  static final String POLICY_PATH = SERVICE_PATH + ":getIamPolicy?options.requestedPolicyVersion=3";
  static final String NEW_URL = "https://hello-123456789012.europe-west1.run.app";
  static final String OLD_URL = "https://hello-3x7qk2lmpa-ew.a.run.app";
  static final String CUSTOM = "https://api.example.com/hello";

  static WireMockServer api;
  static TestIssuer issuer;

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    api = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
    api.start();
    issuer = TestIssuer.start();
  }

  @AfterAll
  static void stop() {
    api.stop();
    issuer.close();
  }

  @BeforeEach
  void stubs() {
    api.resetAll();
    api.stubFor(post(urlEqualTo("/token")).willReturn(okJson("""
        {"access_token": "ya29.from-key-file", "expires_in": 3600, "token_type": "Bearer"}""")));
    api.stubFor(get(urlEqualTo(POLICY_PATH)).willReturn(okJson("""
        {"version": 1, "etag": "BwYA1", "bindings": [
          {"role": "roles/run.invoker", "members": ["user:alice@example.com"]},
          {"role": "roles/run.viewer", "members": ["serviceAccount:hello-run@my-project.iam.gserviceaccount.com"]}]}
        """)));
  }

  static String serviceResource() throws IOException {
    try (InputStream in = GuardRuntimeAudiencesTest.class.getResourceAsStream("/sources/cloud-run-service.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  GuardRuntime start(String audiences) throws Exception {
    Path key = ServiceAccountKeyFile.write(dir, api.baseUrl() + "/token");
    GuardSettings.Builder settings = GuardSettings.builder().policy(LOCATION).jwksUri(issuer.jwksUri())
        .cloudRunApi(URI.create(api.baseUrl())).publicPaths("/healthz")
        .policyRefreshInterval(Duration.ofMillis(200));
    if (audiences != null) {
      settings.audiences(audiences.split(","));
    }
    return GuardRuntime.builder(settings.build()).apiCredentials(ServiceAccountKeyFile.credentials(key)).start();
  }

  static Decision call(GuardRuntime runtime, String path, String audience) {
    AccessRequest.Builder request = AccessRequest.builder("GET", "hello.example", path);
    if (audience != null) {
      request.header("Authorization", "Bearer " + issuer.user("alice@example.com").audience(audience).sign());
    }
    return runtime.guard().check(request.build());
  }

  @Test
  void startWhenAudiencesUnsetWithCloudRunPolicyThenBothUrlFormsAndCustomAudienceAccepted() throws Exception {
    api.stubFor(get(urlEqualTo(SERVICE_PATH)).willReturn(okJson(serviceResource())));

    try (GuardRuntime runtime = start(null)) {
      assertThat(runtime.settings().autoAudiences()).isTrue();
      assertThat(call(runtime, "/x", NEW_URL).principal()).isEqualTo("user:alice@example.com");
      assertThat(call(runtime, "/x", OLD_URL).allowed()).isTrue();
      assertThat(call(runtime, "/x", CUSTOM).allowed()).isTrue();
      assertThat(call(runtime, "/x", "https://other-123456789012.europe-west1.run.app").status()).isEqualTo(401);
      assertThat(runtime.serviceAudiences().orElseThrow().audiences()).containsExactlyInAnyOrder(NEW_URL, OLD_URL,
          CUSTOM);
      api.verify(getRequestedFor(urlEqualTo(SERVICE_PATH))
          .withHeader("Authorization", equalTo("Bearer ya29.from-key-file")));
    }
  }

  @Test
  void startWhenAutoWithExtraValueThenExtraAcceptedToo() throws Exception {
    api.stubFor(get(urlEqualTo(SERVICE_PATH)).willReturn(okJson(serviceResource())));

    try (GuardRuntime runtime = start("auto,https://extra.example")) {
      assertThat(call(runtime, "/x", "https://extra.example").allowed()).isTrue();
      assertThat(call(runtime, "/x", NEW_URL).allowed()).isTrue();
    }
  }

  @Test
  void startWhenServiceResourceUnreadableThen503UntilItIsReadAndOpenPathsStillServed() throws Exception {
    api.stubFor(get(urlEqualTo(SERVICE_PATH)).willReturn(aResponse().withStatus(403).withBody("""
        {"error": {"code": 403, "message": "Permission 'run.services.get' denied", "status": "PERMISSION_DENIED"}}""")));

    try (GuardRuntime runtime = start(null)) {
      Decision unknown = call(runtime, "/x", NEW_URL);
      assertThat(unknown.status()).isEqualTo(503);
      assertThat(unknown.allowed()).isFalse();
      assertThat(call(runtime, "/x", "https://anything.example").status()).isEqualTo(503);
      assertThat(call(runtime, "/healthz", NEW_URL).allowed()).isTrue();
      assertThat(runtime.health().status()).isEqualTo(GuardHealth.Status.DOWN);
      assertThat(runtime.health().reasons()).anySatisfy(r -> assertThat(r).contains("audiences", "HTTP 403"));

      api.stubFor(get(urlEqualTo(SERVICE_PATH)).willReturn(okJson(serviceResource())));
      Instant deadline = Instant.now().plusSeconds(60);
      while (!runtime.serviceAudiences().orElseThrow().known() && Instant.now().isBefore(deadline)) {
        Thread.sleep(50);
      }

      assertThat(call(runtime, "/x", NEW_URL).allowed()).isTrue();
      assertThat(runtime.health().reasons()).noneSatisfy(r -> assertThat(r).contains("audiences"));
    }
  }

  @Test
  void settingsWhenAutoWithoutCloudRunServicePolicyThenRefused() {
    assertThatThrownBy(() -> GuardSettings.builder().policy("policy.json").audiences("auto").build())
        .isInstanceOf(InvokerGuardConfigurationException.class)
        .hasMessageContaining("(INVOKERGUARD_AUDIENCES)").hasMessageContaining("cloudrun://");
    assertThatThrownBy(() -> GuardSettings.builder().policy("policy.json").build())
        .hasMessageContaining("(INVOKERGUARD_AUDIENCES) is required");
  }

  @Test
  void settingsWhenApiBaseIsPlainHttpOffLoopbackThenRefused() {
    Map<String, String> env = Map.of("INVOKERGUARD_POLICY", LOCATION,
        "INVOKERGUARD_CLOUD_RUN_API", "http://run.example.com");

    assertThatThrownBy(() -> GuardSettings.fromEnvironment(env))
        .isInstanceOf(InvokerGuardConfigurationException.class).hasMessageContaining("(INVOKERGUARD_CLOUD_RUN_API)");
    assertThatThrownBy(() -> GuardSettings.fromEnvironment(Map.of("INVOKERGUARD_POLICY", LOCATION,
        "INVOKERGUARD_RESOURCE_MANAGER_API", "http://127.0.0.1.nip.io")))
        .hasMessageContaining("(INVOKERGUARD_RESOURCE_MANAGER_API)");
    assertThat(GuardSettings.fromEnvironment(Map.of("INVOKERGUARD_POLICY", LOCATION,
        "INVOKERGUARD_CLOUD_RUN_API", "http://127.0.0.1:8089")).cloudRunApi())
        .isEqualTo(URI.create("http://127.0.0.1:8089"));
  }
}
