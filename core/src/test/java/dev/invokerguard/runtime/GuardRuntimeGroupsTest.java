package dev.invokerguard.runtime;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import dev.invokerguard.Decision;
import dev.invokerguard.InvokerGuardConfigurationException;
import dev.invokerguard.identity.MembershipLookup;
import dev.invokerguard.policy.source.ApiCredentials;
import dev.invokerguard.request.AccessRequest;
import dev.invokerguard.testing.TestIssuer;
import java.io.ByteArrayInputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code invokerguard.groups=cloud-identity} end to end: settings, a service-account key whose
 * {@code token_uri} is the fake's (Google Auth Library exchanges a signed JWT for an access token there), the
 * Cloud Identity calls it authorises, and health.
 */
class GuardRuntimeGroupsTest {
  private static final String AUDIENCE = "https://svc.example";
  private static final String ACCESS_TOKEN = "ya29.groups-reader";
  private static final String POLICY = """
      {"bindings": [{"role": "roles/run.invoker", "members": ["group:eng@example.com"]}]}""";
  private static TestIssuer issuer;
  private static WireMockServer google;
  private static GoogleCredentials serviceAccount;

  @TempDir Path dir;

  @BeforeAll
  static void start() throws Exception {
    issuer = TestIssuer.start();
    google = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    google.start();
    serviceAccount = ServiceAccountCredentials.fromStream(new ByteArrayInputStream(keyFile(
        "http://127.0.0.1:" + google.port() + "/token").getBytes(StandardCharsets.UTF_8)));
  }

  @AfterAll
  static void stop() {
    google.stop();
    issuer.close();
  }

  @BeforeEach
  void stubs() {
    google.resetAll();
    google.stubFor(post(urlPathEqualTo("/token")).willReturn(aResponse().withHeader("Content-Type",
        "application/json").withBody("{\"access_token\": \"" + ACCESS_TOKEN + "\", \"expires_in\": 3600,"
            + " \"token_type\": \"Bearer\"}")));
    google.stubFor(get(urlPathEqualTo("/v1/groups:lookup")).withQueryParam("groupKey.id",
        equalTo("eng@example.com")).withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN))
        .willReturn(aResponse().withBody("{\"name\": \"groups/01abc\"}")));
    google.stubFor(get(urlPathEqualTo("/v1/groups/01abc/memberships:checkTransitiveMembership"))
        .withQueryParam("query", equalTo("member_key_id == 'alice@example.com'"))
        .withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN))
        .willReturn(aResponse().withBody("{\"hasMembership\": true}")));
  }

  /** A service-account key file of a fresh RSA key, with the token endpoint given. */
  private static String keyFile(String tokenUri) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    String body = Base64.getMimeEncoder().encodeToString(generator.generateKeyPair().getPrivate().getEncoded());
    String pem = ("-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n")
        .replace("\r\n", "\n").replace("\n", "\\n");
    return "{\"type\": \"service_account\", \"project_id\": \"p\", \"private_key_id\": \"k1\", \"private_key\": \""
        + pem + "\", \"client_email\": \"guard@p.iam.gserviceaccount.com\", \"client_id\": \"1\","
        + " \"token_uri\": \"" + tokenUri + "\"}";
  }

  private GuardSettings settings() throws Exception {
    Path policy = Files.writeString(dir.resolve("policy.json"), POLICY);
    return GuardSettings.fromProperties(Map.of("invokerguard.policy", policy.toString(),
        "invokerguard.audiences", AUDIENCE, "invokerguard.jwks-uri", issuer.jwksUri().toString(),
        "invokerguard.groups", "cloud-identity",
        "invokerguard.cloud-identity-api", "http://127.0.0.1:" + google.port()));
  }

  private static ApiCredentials groupsReader() {
    GoogleCredentials scoped = serviceAccount.createScoped(MembershipLookup.CLOUD_IDENTITY_SCOPE);
    return uri -> scoped.getRequestMetadata(uri);
  }

  private static Decision check(GuardRuntime runtime, String email) {
    return runtime.guard().check(AccessRequest.builder("GET", "svc.example", "/orders").header("Authorization",
        "Bearer " + issuer.user(email).audience(AUDIENCE).sign()).build());
  }

  @Test
  void startWhenGroupsIsCloudIdentityThenMembersAreLookedUpWithTheServiceAccountsToken() throws Exception {
    try (GuardRuntime runtime = GuardRuntime.builder(settings()).groupApiCredentials(groupsReader()).start()) {
      Decision alice = check(runtime, "alice@example.com");

      assertThat(alice.status()).isEqualTo(200);
      assertThat(alice.grantedBy().member()).isEqualTo("group:eng@example.com");
      List<LoggedRequest> tokenRequests = google.findAll(postRequestedFor(urlPathEqualTo("/token")));
      assertThat(tokenRequests).hasSize(1);
      String assertion = URLDecoder.decode(tokenRequests.get(0).getBodyAsString(), StandardCharsets.UTF_8)
          .replaceAll(".*assertion=([^&]+).*", "$1");
      String claims = new String(Base64.getUrlDecoder().decode(assertion.split("\\.")[1]), StandardCharsets.UTF_8);
      assertThat(claims).contains("cloud-identity.groups.readonly");
      GuardHealth health = runtime.health();
      assertThat(health.groupLookups().api()).isEqualTo("cloud-identity");
      assertThat(health.groupLookups().calls()).isEqualTo(1);
      assertThat(health.groupLookups().members()).isEqualTo(1);
    }
  }

  @Test
  void healthWhenTheLatestLookupFailedThenDegradedSayingWhy() throws Exception {
    google.stubFor(get(urlPathEqualTo("/v1/groups/01abc/memberships:checkTransitiveMembership"))
        .withQueryParam("query", equalTo("member_key_id == 'bob@example.com'"))
        .willReturn(aResponse().withStatus(502)));
    try (GuardRuntime runtime = GuardRuntime.builder(settings()).groupApiCredentials(groupsReader()).start()) {
      Decision bob = check(runtime, "bob@example.com");

      assertThat(bob.status()).isEqualTo(403);
      GuardHealth health = runtime.health();
      assertThat(health.status()).isEqualTo(GuardHealth.Status.DEGRADED);
      assertThat(health.reasons()).anySatisfy(reason -> assertThat(reason).contains("group lookup failed",
          "HTTP 502"));
      assertThat(check(runtime, "alice@example.com").status()).isEqualTo(200);
      assertThat(runtime.health().status()).isEqualTo(GuardHealth.Status.UP);
      assertThat(google.countRequestsMatching(getRequestedFor(urlPathEqualTo("/v1/groups:lookup")).build())
          .getCount()).as("the group's name is cached").isEqualTo(1);
    }
  }

  @Test
  void startWhenGroupsIsDirectoryThenTheDirectoryApisHasMemberDecides() throws Exception {
    google.stubFor(get(urlPathEqualTo("/admin/directory/v1/groups/eng%40example.com/hasMember/alice%40example.com"))
        .withHeader("Authorization", equalTo("Bearer directory-token"))
        .willReturn(aResponse().withBody("{\"isMember\": true}")));
    Path policy = Files.writeString(dir.resolve("policy.json"), POLICY);
    GuardSettings settings = GuardSettings.fromProperties(Map.of("invokerguard.policy", policy.toString(),
        "invokerguard.audiences", AUDIENCE, "invokerguard.jwks-uri", issuer.jwksUri().toString(),
        "invokerguard.groups", "directory", "invokerguard.directory-api", "http://127.0.0.1:" + google.port()));

    try (GuardRuntime runtime = GuardRuntime.builder(settings)
        .groupApiCredentials(ApiCredentials.accessToken("directory-token")).start()) {
      assertThat(check(runtime, "alice@example.com").status()).isEqualTo(200);
      assertThat(check(runtime, "bob@example.com").status()).isEqualTo(403);
      assertThat(runtime.health().groupLookups().api()).isEqualTo("directory");
    }
  }

  @Test
  void settingsWhenTheApiBaseIsPlainHttpOffLoopbackThenRefused() {
    assertThatThrownBy(() -> GuardSettings.fromEnvironment(Map.of("INVOKERGUARD_POLICY", "p.json",
        "INVOKERGUARD_AUDIENCES", AUDIENCE, "INVOKERGUARD_GROUPS", "cloud-identity",
        "INVOKERGUARD_CLOUD_IDENTITY_API", "http://groups.example.com")))
        .isInstanceOf(InvokerGuardConfigurationException.class)
        .hasMessageContaining("INVOKERGUARD_CLOUD_IDENTITY_API").hasMessageContaining("https");
  }

  @Test
  void settingsWhenAGroupCacheBoundIsNotPositiveThenRefusedNamingIt() {
    assertThatThrownBy(() -> GuardSettings.fromProperties(Map.of("invokerguard.policy", "p.json",
        "invokerguard.audiences", AUDIENCE, "invokerguard.group-lookup-rate", "0")))
        .isInstanceOf(InvokerGuardConfigurationException.class)
        .hasMessageContaining("invokerguard.group-lookup-rate");
  }

  @Test
  void startWhenGroupsIsCloudIdentityAndAResolverIsGivenThenRefused() throws Exception {
    GuardSettings settings = settings();

    assertThatThrownBy(() -> GuardRuntime.builder(settings).groupResolver(caller -> java.util.Set.of()).start())
        .isInstanceOf(InvokerGuardConfigurationException.class).hasMessageContaining("INVOKERGUARD_GROUPS");
  }
}
