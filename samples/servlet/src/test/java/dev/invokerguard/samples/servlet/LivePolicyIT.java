package dev.invokerguard.samples.servlet;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.invokerguard.tck.sample.RawHttp;
import dev.invokerguard.tck.sample.SampleProcess;
import dev.invokerguard.testing.TestIssuer;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The production form as a process: the sample jar reads its service's live policy and URLs from a Cloud Run
 * Admin API (WireMock: {@code getIamPolicy} and a realistic v2 {@code Service}), authenticated with
 * Application Default Credentials from a service-account key file whose {@code token_uri} is WireMock's,
 * and opens {@code /public/} and {@code /healthz} through its local layer.
 */
class LivePolicyIT {
  static final String SERVICE_PATH = "/v2/projects/my-project/locations/europe-west1/services/hello";
  static final String POLICY_PATH = SERVICE_PATH + ":getIamPolicy?options.requestedPolicyVersion=3";
  static final String NEW_URL = "https://hello-123456789012.europe-west1.run.app";
  static final String OLD_URL = "https://hello-3x7qk2lmpa-ew.a.run.app";

  static WireMockServer api;
  static TestIssuer issuer;
  static SampleProcess sample;
  static Path dir;

  @BeforeAll
  static void start() throws Exception {
    api = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
    api.start();
    issuer = TestIssuer.start();
    dir = Files.createTempDirectory("live-policy-it");
    api.stubFor(post(urlEqualTo("/token")).willReturn(okJson("""
        {"access_token": "ya29.sample-key-file", "expires_in": 3600, "token_type": "Bearer"}""")));
    api.stubFor(get(urlEqualTo(SERVICE_PATH)).willReturn(okJson(resource("/cloud-run-service.json"))));
    servePolicy("BwYA1", "user:alice@example.com");
    sample = SampleProcess.start(Map.of(
        "INVOKERGUARD_POLICY", "cloudrun://projects/my-project/locations/europe-west1/services/hello",
        "INVOKERGUARD_CLOUD_RUN_API", api.baseUrl(),
        "INVOKERGUARD_PUBLIC_PATHS", "/public/,/healthz",
        "INVOKERGUARD_POLICY_REFRESH_INTERVAL", "1s",
        "INVOKERGUARD_JWKS_URI", issuer.jwksUri().toString(),
        "GOOGLE_APPLICATION_CREDENTIALS", keyFile(api.baseUrl() + "/token").toString())).awaitListening();
  }

  @AfterAll
  static void stop() throws Exception {
    if (sample != null) {
      sample.close();
    }
    issuer.close();
    api.stop();
  }

  static void servePolicy(String etag, String... members) {
    api.stubFor(get(urlEqualTo(POLICY_PATH)).willReturn(okJson("""
        {"version": 1, "etag": "%s", "bindings": [
          {"role": "roles/run.invoker", "members": ["%s"]},
          {"role": "roles/run.viewer", "members": ["serviceAccount:hello-run@my-project.iam.gserviceaccount.com"]}]}
        """.formatted(etag, String.join("\", \"", members)))));
  }

  static String resource(String name) throws Exception {
    try (InputStream in = LivePolicyIT.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** A service-account key file as gcloud writes it, its token_uri pointing at the fake token endpoint. */
  static Path keyFile(String tokenUri) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'})
        .encodeToString(generator.generateKeyPair().getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
    return Files.writeString(dir.resolve("key.json"), """
        {"type": "service_account", "project_id": "my-project", "private_key_id": "0123456789abcdef",
         "private_key": "%s", "client_email": "hello-run@my-project.iam.gserviceaccount.com",
         "client_id": "112233445566778899", "token_uri": "%s"}""".formatted(pem.replace("\n", "\\n"), tokenUri));
  }

  static RawHttp.Response call(String path, String email, String audience) throws Exception {
    if (email == null) {
      return sample.http().get(path, "Host: hello.example");
    }
    return sample.http().get(path, "Host: hello.example",
        "Authorization: Bearer " + issuer.user(email).audience(audience).sign());
  }

  @Test
  void getWhenOpenPathsThenServedWithoutToken() throws Exception {
    assertThat(call("/public/app.css", null, null).status()).isEqualTo(200);
    assertThat(call("/public/app.css", null, null).body()).contains("\"principal\": \"allUsers\"");
    assertThat(call("/healthz", null, null).status()).isEqualTo(200);
    assertThat(call("/healthzz", null, null).status()).isEqualTo(401);
  }

  @Test
  void getWhenPrivatePathThenLiveBindingsDecideForBothUrlForms() throws Exception {
    assertThat(call("/private", "alice@example.com", NEW_URL).status()).isEqualTo(200);
    assertThat(call("/private", "alice@example.com", OLD_URL).status()).isEqualTo(200);
    assertThat(call("/private", "alice@example.com", "https://api.example.com/hello").status()).isEqualTo(200);
    assertThat(call("/private", "alice@example.com", "https://elsewhere.a.run.app").status()).isEqualTo(401);
    assertThat(call("/private", "mallory@example.com", NEW_URL).status()).isEqualTo(403);
    assertThat(call("/private", null, null).status()).isEqualTo(401);
    api.verify(getRequestedFor(urlEqualTo(POLICY_PATH))
        .withHeader("Authorization", equalTo("Bearer ya29.sample-key-file")));
    api.verify(getRequestedFor(urlEqualTo(SERVICE_PATH))
        .withHeader("Authorization", equalTo("Bearer ya29.sample-key-file")));
  }

  @Test
  void getWhenGrantAddedToLivePolicyThenEnforcedAfterTheNextPoll() throws Exception {
    assertThat(call("/reports", "bob@example.com", NEW_URL).status()).isEqualTo(403);

    servePolicy("BwYA2", "user:alice@example.com", "user:bob@example.com");
    int status = 403;
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (status != 200 && Instant.now().isBefore(deadline)) {
      Thread.sleep(200);
      status = call("/reports", "bob@example.com", OLD_URL).status();
    }

    assertThat(status).as(sample.output()).isEqualTo(200);
    assertThat(sample.output()).contains("BwYA2");
  }
}
