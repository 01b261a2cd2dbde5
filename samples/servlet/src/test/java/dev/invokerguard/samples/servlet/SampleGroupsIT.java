package dev.invokerguard.samples.servlet;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.invokerguard.tck.sample.RawHttp;
import dev.invokerguard.tck.sample.SampleProcess;
import dev.invokerguard.testing.TestIssuer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sample jar with {@code INVOKERGUARD_GROUPS=cloud-identity}: Application Default Credentials from
 * {@code GOOGLE_APPLICATION_CREDENTIALS} (a service-account key whose {@code token_uri} is the fake's), and
 * the Cloud Identity Groups API at {@code INVOKERGUARD_CLOUD_IDENTITY_API}.
 */
class SampleGroupsIT {
  private static final String AUDIENCE = "https://svc.example.com";
  private static final String ACCESS_TOKEN = "ya29.sample-groups";
  private static TestIssuer issuer;
  private static WireMockServer google;
  private static SampleProcess sample;

  @BeforeAll
  static void start() throws Exception {
    issuer = TestIssuer.start();
    google = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    google.start();
    String base = "http://127.0.0.1:" + google.port();
    google.stubFor(post(urlPathEqualTo("/token")).willReturn(aResponse().withHeader("Content-Type",
        "application/json").withBody("{\"access_token\": \"" + ACCESS_TOKEN + "\", \"expires_in\": 3600,"
            + " \"token_type\": \"Bearer\"}")));
    google.stubFor(get(urlPathEqualTo("/v1/groups:lookup")).withQueryParam("groupKey.id",
        equalTo("team@example.com")).withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN))
        .willReturn(aResponse().withBody("{\"name\": \"groups/team1\"}")));
    for (String member : new String[] {"olga@example.com", "mallory@example.com"}) {
      google.stubFor(get(urlPathEqualTo("/v1/groups/team1/memberships:checkTransitiveMembership"))
          .withQueryParam("query", equalTo("member_key_id == '" + member + "'"))
          .withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN))
          .willReturn(aResponse().withBody(member.startsWith("olga") ? "{\"hasMembership\": true}" : "{}")));
    }
    Path dir = Files.createTempDirectory("sample-groups");
    Files.writeString(dir.resolve("policy.json"), """
        {"bindings": [{"role": "roles/run.invoker", "members": ["group:team@example.com"]}]}""");
    Files.writeString(dir.resolve("key.json"), keyFile(base + "/token"));
    sample = SampleProcess.start(Map.of("INVOKERGUARD_POLICY", dir.resolve("policy.json").toString(),
        "INVOKERGUARD_AUDIENCES", AUDIENCE, "INVOKERGUARD_JWKS_URI", issuer.jwksUri().toString(),
        "INVOKERGUARD_GROUPS", "cloud-identity", "INVOKERGUARD_CLOUD_IDENTITY_API", base,
        "GOOGLE_APPLICATION_CREDENTIALS", dir.resolve("key.json").toString())).awaitListening();
  }

  @AfterAll
  static void stop() throws Exception {
    if (sample != null) {
      sample.close();
    }
    google.stop();
    issuer.close();
  }

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

  private static RawHttp.Response call(String email) throws Exception {
    return sample.http().get("/private/a", "Authorization: Bearer "
        + issuer.user(email).audience(AUDIENCE).sign());
  }

  @Test
  void getWhenTheCallerIsInTheBoundGroupThenAllowedAndOthersForbidden() throws Exception {
    RawHttp.Response olga = call("olga@example.com");
    RawHttp.Response mallory = call("mallory@example.com");

    assertThat(olga.status()).as(olga + "\n" + sample.output()).isEqualTo(200);
    assertThat(olga.body()).contains("user:olga@example.com");
    assertThat(mallory.status()).as(mallory.toString()).isEqualTo(403);
    assertThat(google.findAll(postRequestedFor(urlPathEqualTo("/token")))).isNotEmpty();
  }
}
