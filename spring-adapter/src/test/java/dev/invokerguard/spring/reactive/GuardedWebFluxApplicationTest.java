package dev.invokerguard.spring.reactive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.invokerguard.spring.reactive.app.GuardedWebFluxApplication;
import dev.invokerguard.spring.TestIssuers;
import dev.invokerguard.testing.TestIssuer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The starter in a real WebFlux application (Reactor Netty) with Spring Security, over real HTTP with signed
 * tokens, with BlockHound failing any blocking call on a non-blocking thread: decisions are taken on the
 * event loop by the core's non-blocking check.
 */
@SpringBootTest(classes = GuardedWebFluxApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "spring.main.web-application-type=reactive")
class GuardedWebFluxApplicationTest {
  static final String AUDIENCE = "https://svc.example.com";
  static final TestIssuer ISSUER = TestIssuers.started();
  static final HttpClient HTTP = HttpClient.newHttpClient();

  static {
    // The console appender's write is the one blocking call allowed: the decision log writes a line for each
    // denial on the thread that decided (applications use an asynchronous appender in production).
    BlockHound.install(builder -> builder.allowBlockingCallsInside(
        "ch.qos.logback.core.OutputStreamAppender", "writeBytes"));
  }

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
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(30));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode json(HttpResponse<String> response) throws Exception {
    return new ObjectMapper().readTree(response.body());
  }

  @Test
  void blockHoundWhenInstalledThenBlockingOnANonBlockingThreadFails() {
    assertThatThrownBy(() -> Mono.delay(Duration.ofMillis(1)).doOnNext(tick -> sleep()).block(Duration.ofSeconds(60)))
        .hasCauseInstanceOf(BlockingOperationError.class);
  }

  @Test
  void callerArgumentWhenAllowedThenTheCallerInvokerGuardVerified() throws Exception {
    HttpResponse<String> response = get("/private/caller", "Authorization", "Bearer " + user("alice@example.com"));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(json(response).get("principal").asText()).isEqualTo("user:alice@example.com");
  }

  @Test
  void callerArgumentWhenPublicPathWithoutTokenThenAllUsers() throws Exception {
    assertThat(json(get("/public/caller")).get("principal").asText()).isEqualTo("allUsers");
  }

  @Test
  void exchangePrincipalWhenAllowedThenNamedByTheIamMember() throws Exception {
    assertThat(get("/private/principal", "Authorization", "Bearer " + user("bob@example.com")).body())
        .isEqualTo("user:bob@example.com");
  }

  @Test
  void authorizeExchangeWhenGuardAllowsThenSpringSecurityRulesBuildOnTheCaller() throws Exception {
    assertThat(get("/private/admin/report", "Authorization", "Bearer " + user("alice@example.com"))
        .statusCode()).isEqualTo(200);
    assertThat(get("/private/admin/report", "Authorization", "Bearer " + user("bob@example.com"))
        .statusCode()).isEqualTo(403);
  }

  @Test
  void denialWhenNoTokenThen401ProblemWithChallengeAndCorsHeaders() throws Exception {
    HttpResponse<String> response = get("/private/caller", "Origin", GuardedWebFluxApplication.ALLOWED_ORIGIN);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"invokerguard\"");
    assertThat(response.headers().firstValue("Access-Control-Allow-Origin"))
        .hasValue(GuardedWebFluxApplication.ALLOWED_ORIGIN);
    assertThat(json(response).get("status").asInt()).isEqualTo(401);
  }

  @Test
  void denialWhenOriginNotAllowedThenNoCorsHeaders() throws Exception {
    HttpResponse<String> response = get("/private/caller", "Origin", "https://evil.example.com");

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
  }

  @Test
  void denialWhenCallerNotGrantedThen403() throws Exception {
    assertThat(get("/private/caller", "Authorization", "Bearer " + user("mallory@example.com")).statusCode())
        .isEqualTo(403);
  }

  @Test
  void decisionWhenUnknownKeyIdThenTheKeyFetchRunsOffTheEventLoop() throws Exception {
    int before = ISSUER.keyRequests();
    String unknownKid = ISSUER.user("alice@example.com").audience(AUDIENCE).keyId("rotated-later").sign();

    HttpResponse<String> response = get("/private/caller", "Authorization", "Bearer " + unknownKid);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
    assertThat(ISSUER.keyRequests()).isGreaterThan(before);
  }

  private static void sleep() {
    try {
      Thread.sleep(1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
