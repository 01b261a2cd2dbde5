package dev.invokerguard.micronaut;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invokerguard.tck.sample.RawHttp;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The filter on the real embedded Netty server, over real HTTP, with tokens of a local test issuer. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InvokerGuardServerFilterTest implements TestPropertyProvider {
  @Inject
  EmbeddedServer server;

  @Override
  public Map<String, String> getProperties() {
    return Issuer.settings(
        "micronaut.server.cors.enabled", "true",
        "micronaut.server.cors.configurations.web.allowed-origins", "https://app.example.com");
  }

  private RawHttp http() {
    return new RawHttp(server.getPort());
  }

  @Test
  void checkWhenGrantedThenControllerSeesCallerAndPrincipal() throws Exception {
    RawHttp.Response response = http().getWithToken("/private/report", Issuer.user("alice@example.com"));

    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(
        "caller=user:alice@example.com principal=user:alice@example.com context=yes path=/private/report");
  }

  @Test
  void checkWhenServiceAccountGrantedThenPrincipalIsServiceAccount() throws Exception {
    RawHttp.Response response = http().getWithToken("/private/x",
        Issuer.serviceAccount("reporter@test-project.iam.gserviceaccount.com"));

    assertThat(response.body()).startsWith(
        "caller=serviceAccount:reporter@test-project.iam.gserviceaccount.com principal=serviceAccount:");
  }

  @Test
  void checkWhenGrantedThroughGroupThenAllowed() throws Exception {
    RawHttp.Response response = http().getWithToken("/private/x", Issuer.user("carol@example.com"));

    assertThat(response.status()).as(response.toString()).isEqualTo(200);
  }

  @Test
  void checkWhenGrantedThroughHostedDomainThenAllowed() throws Exception {
    String token = Issuer.ISSUER.user("dave@example.org").hostedDomain("example.org")
        .audience(Issuer.AUDIENCE).sign();

    assertThat(http().getWithToken("/private/x", token).status()).isEqualTo(200);
  }

  @Test
  void checkWhenPublicPathWithoutTokenThenAnonymousCallerAndNoPrincipal() throws Exception {
    RawHttp.Response response = http().get("/public/hello");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("caller=allUsers principal=none context=yes path=/public/hello");
  }

  @Test
  void checkWhenNoTokenThen401ProblemWithBearerChallenge() throws Exception {
    RawHttp.Response response = http().get("/private/report");

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.header("WWW-Authenticate")).hasValue("Bearer realm=\"invokerguard\"");
    assertThat(response.header("Content-Type")).hasValue("application/problem+json");
    assertThat(response.body()).contains("\"status\":401", "\"title\":\"Unauthorized\"",
        "\"type\":\"urn:invokerguard:problem:no-credentials\"");
  }

  @Test
  void checkWhenTokenRejectedThen401InvalidTokenWithoutEchoingIt() throws Exception {
    Instant now = Instant.now();
    String expired = Issuer.ISSUER.user("alice@example.com").audience(Issuer.AUDIENCE)
        .issuedAt(now.minus(Duration.ofHours(2))).expiresAt(now.minus(Duration.ofHours(1))).sign();

    RawHttp.Response response = http().getWithToken("/private/report", expired);

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.header("WWW-Authenticate")).get().asString().contains("error=\"invalid_token\"");
    assertThat(response.body()).doesNotContain(expired);
  }

  @Test
  void checkWhenTokenRejectedOnPublicPathThenServedAsAnonymous() throws Exception {
    RawHttp.Response response = http().getWithToken("/public/x", "not.a.token");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body()).startsWith("caller=allUsers principal=none");
  }

  @Test
  void checkWhenNotGrantedThen403() throws Exception {
    RawHttp.Response response = http().getWithToken("/private/report", Issuer.user("mallory@example.com"));

    assertThat(response.status()).isEqualTo(403);
    assertThat(response.header("Content-Type")).hasValue("application/problem+json");
    assertThat(response.body()).contains("user:mallory@example.com");
  }

  @Test
  void checkWhenHostConditionHoldsThenAllowedOtherwise403() throws Exception {
    String bob = Issuer.user("bob@example.com");

    assertThat(http().getWithToken("/anything", bob, "Host: admin.localhost").status()).isEqualTo(200);
    assertThat(http().getWithToken("/anything", bob, "Host: svc.example.com").status()).isEqualTo(403);
  }

  @Test
  void checkWhenServerlessHeaderCarriesTokenThenItWinsOverApplicationAuthorization() throws Exception {
    RawHttp.Response response = http().get("/private/x",
        "X-Serverless-Authorization: Bearer " + Issuer.user("alice@example.com"),
        "Authorization: Basic dXNlcjpwYXNz");

    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    assertThat(response.body()).startsWith("caller=user:alice@example.com");
  }

  @ParameterizedTest
  @CsvSource({"Authorization, Authorization", "authorization, AUTHORIZATION"})
  void checkWhenTwoTokensThen400(String first, String second) throws Exception {
    RawHttp.Response response = http().get("/private/x",
        first + ": Bearer " + Issuer.user("alice@example.com"),
        second + ": Bearer " + Issuer.user("mallory@example.com"));

    assertThat(response.status()).as(response.toString()).isEqualTo(400);
    assertThat(response.header("Content-Type")).hasValue("application/problem+json");
  }

  @Test
  void checkWhenHeaderNamesInAnyCaseThenReadAsTheSameHeaders() throws Exception {
    RawHttp.Response upper = http().get("/private/x", "AUTHORIZATION: Bearer " + Issuer.user("alice@example.com"));
    RawHttp.Response mixed = http().get("/private/x", "x-SERVERLESS-authorization: Bearer "
        + Issuer.user("alice@example.com"), "authorization: Basic dXNlcjpwYXNz");

    assertThat(upper.status()).as(upper.toString()).isEqualTo(200);
    assertThat(upper.body()).startsWith("caller=user:alice@example.com");
    assertThat(mixed.status()).as(mixed.toString()).isEqualTo(200);
    assertThat(mixed.body()).startsWith("caller=user:alice@example.com");
  }

  @Test
  void checkWhenHostHeaderRepeatedUnderAnotherCaseThen400() throws Exception {
    RawHttp.Response response = http().getWithToken("/anything", Issuer.user("bob@example.com"),
        "Host: admin.localhost", "HOST: svc.example.com");

    assertThat(response.status()).as(response.toString()).isEqualTo(400);
  }

  @Test
  void checkWhenPathIsAmbiguousThen400BeforeRouting() throws Exception {
    RawHttp.Response response = http().getWithToken("/public/..%2fprivate/x", "x");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body()).contains("path-rejected");
  }

  @Test
  void checkWhenDotSegmentsWouldRouteAnotherPathThen400() throws Exception {
    RawHttp.Response response = http().get("/private/../public/hello");

    assertThat(response.status()).as(response.toString()).isEqualTo(400);
    assertThat(response.header("Content-Type")).hasValue("application/problem+json");
    assertThat(response.body()).contains("path-rejected").doesNotContain("caller=");
  }

  @Test
  void checkWhenHostHeaderRepeatedThen400() throws Exception {
    RawHttp.Response response = http().getWithToken("/anything", Issuer.user("bob@example.com"),
        "Host: admin.localhost", "Host: svc.example.com");

    assertThat(response.status()).as(response.toString()).isEqualTo(400);
    assertThat(response.body()).contains("path-rejected").doesNotContain("caller=");
  }

  @Test
  void checkWhenDeniedCrossOriginThenAnswerCarriesTheApplicationsCorsHeaders() throws Exception {
    RawHttp.Response response = http().get("/private/report", "Origin: https://app.example.com");

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.header("Access-Control-Allow-Origin")).hasValue("https://app.example.com");
  }

  @Test
  void checkWhenPreflightThenAnsweredWithoutToken() throws Exception {
    RawHttp.Response response = http().send("OPTIONS", "/private/report", "Origin: https://app.example.com",
        "Access-Control-Request-Method: GET");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.header("Access-Control-Allow-Origin")).hasValue("https://app.example.com");
  }
}
