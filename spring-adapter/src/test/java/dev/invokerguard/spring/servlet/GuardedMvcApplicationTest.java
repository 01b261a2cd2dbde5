package dev.invokerguard.spring.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.invokerguard.spring.servlet.app.GuardedMvcApplication;
import dev.invokerguard.spring.TestIssuers;
import dev.invokerguard.testing.TestIssuer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The starter in a real Spring MVC application with Spring Security, over real HTTP with signed tokens. */
@SpringBootTest(classes = GuardedMvcApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GuardedMvcApplicationTest {
  static final String AUDIENCE = "https://svc.example.com";
  static final TestIssuer ISSUER = TestIssuers.started();
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @LocalServerPort
  int port;

  @DynamicPropertySource
  static void invokerGuard(DynamicPropertyRegistry properties) {
    properties.add("invokerguard.policy", () -> "classpath:invokerguard/policy.yaml");
    properties.add("invokerguard.audiences", () -> AUDIENCE);
    properties.add("invokerguard.jwks-uri", () -> ISSUER.jwksUri().toString());
  }

  @AfterAll
  static void stopIssuer() {
    ISSUER.close();
  }

  static String user(String email) {
    return ISSUER.user(email).audience(AUDIENCE).sign();
  }

  HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> bearer(String path, String token, String... more) throws Exception {
    String[] headers = new String[more.length + 2];
    headers[0] = "Authorization";
    headers[1] = "Bearer " + token;
    System.arraycopy(more, 0, headers, 2, more.length);
    return get(path, headers);
  }

  static JsonNode json(HttpResponse<String> response) throws Exception {
    return new ObjectMapper().readTree(response.body());
  }

  @Test
  void callerArgumentWhenAllowedThenTheCallerInvokerGuardVerified() throws Exception {
    HttpResponse<String> response = bearer("/private/caller", user("alice@example.com"));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(json(response).get("principal").asText()).isEqualTo("user:alice@example.com");
  }

  @Test
  void callerArgumentWhenPublicPathWithoutTokenThenAllUsers() throws Exception {
    HttpResponse<String> response = get("/public/caller");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response).get("principal").asText()).isEqualTo("allUsers");
  }

  @Test
  void principalArgumentWhenAllowedThenNamedByTheIamMember() throws Exception {
    HttpResponse<String> response = bearer("/private/principal", user("bob@example.com"));

    assertThat(response.body()).isEqualTo("user:bob@example.com");
  }

  @Test
  void authenticationWhenAllowedThenAuthoritiesAreTheCallersIamMembers() throws Exception {
    JsonNode body = json(bearer("/private/authentication", user("alice@example.com")));

    assertThat(body.get("name").asText()).isEqualTo("user:alice@example.com");
    assertThat(body.get("authorities")).extracting(JsonNode::asText)
        .containsExactly("user:alice@example.com", "allAuthenticatedUsers");
  }

  @Test
  void authorizeHttpRequestsWhenGuardAllowsThenSpringSecurityRulesBuildOnTheCaller() throws Exception {
    assertThat(bearer("/private/admin/report", user("alice@example.com")).statusCode()).isEqualTo(200);
    assertThat(bearer("/private/admin/report", user("bob@example.com")).statusCode()).isEqualTo(403);
  }

  @Test
  void preAuthorizeWhenAuthorityNamesAServiceAccountThenOnlyThatCaller() throws Exception {
    String robot = ISSUER.serviceAccount("robot@p.iam.gserviceaccount.com").audience(AUDIENCE).sign();

    assertThat(bearer("/private/robots", robot).statusCode()).isEqualTo(200);
    assertThat(bearer("/private/robots", user("alice@example.com")).statusCode()).isEqualTo(403);
  }

  @Test
  void denialWhenNoTokenThen401ProblemDetailWithBearerChallenge() throws Exception {
    HttpResponse<String> response = get("/private/caller");

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"invokerguard\"");
    JsonNode problem = json(response);
    assertThat(problem.get("status").asInt()).isEqualTo(401);
    assertThat(problem.get("type").asText()).isNotEmpty();
    assertThat(problem.get("title").asText()).isNotEmpty();
    assertThat(problem.get("detail").asText()).isNotEmpty();
  }

  @Test
  void denialWhenCallerNotGrantedThen403() throws Exception {
    HttpResponse<String> response = bearer("/private/caller", user("mallory@example.com"));

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(json(response).get("detail").asText()).contains("user:mallory@example.com");
  }

  @Test
  void denialWhenCrossOriginFromAnAllowedOriginThenTheApplicationsCorsHeaders() throws Exception {
    HttpResponse<String> response = get("/private/caller", "Origin", GuardedMvcApplication.ALLOWED_ORIGIN);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("Access-Control-Allow-Origin"))
        .hasValue(GuardedMvcApplication.ALLOWED_ORIGIN);
    assertThat(response.headers().firstValue("Access-Control-Allow-Credentials")).hasValue("true");
    assertThat(response.headers().firstValue("Access-Control-Expose-Headers")).hasValue("WWW-Authenticate");
    assertThat(response.headers().allValues("Vary")).contains("Origin");
  }

  @Test
  void denialWhenCrossOriginFromAnotherOriginThenNoCorsHeaders() throws Exception {
    HttpResponse<String> response = get("/private/caller", "Origin", "https://evil.example.com");

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
  }

  @Test
  void preflightWhenNoTokenThenPassesTheGuardAndSpringAnswersIt() throws Exception {
    HttpRequest preflight = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/private/caller"))
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
        .header("Origin", GuardedMvcApplication.ALLOWED_ORIGIN)
        .header("Access-Control-Request-Method", "GET")
        .header("Access-Control-Request-Headers", "Authorization").build();

    HttpResponse<String> response = HTTP.send(preflight, HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Access-Control-Allow-Origin"))
        .hasValue(GuardedMvcApplication.ALLOWED_ORIGIN);
  }
}
