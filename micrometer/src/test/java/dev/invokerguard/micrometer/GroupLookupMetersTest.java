package dev.invokerguard.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.invokerguard.request.AccessRequest;
import dev.invokerguard.runtime.GuardRuntime;
import dev.invokerguard.runtime.GuardSettings;
import dev.invokerguard.testing.TestIssuer;
import dev.invokerguard.testing.WithTestIssuer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Group lookup meters against a real runtime asking a loopback Cloud Identity API (real HTTP). */
@WithTestIssuer
class GroupLookupMetersTest {
  private static final String AUDIENCE = "https://svc.example.com";
  private static final String POLICY = """
      {"bindings": [{"role": "roles/run.invoker", "members": ["group:eng@example.com"]}]}
      """;

  private final TestIssuer issuer;
  private final MeterRegistry registry = new SimpleMeterRegistry();
  private HttpServer api;
  private GuardRuntime runtime;

  GroupLookupMetersTest(TestIssuer issuer) {
    this.issuer = issuer;
  }

  @BeforeEach
  void start(@TempDir Path dir) throws Exception {
    api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    api.createContext("/v1/", this::answer);
    api.start();
    Path policy = Files.writeString(dir.resolve("policy.json"), POLICY);
    runtime = GuardRuntime.builder(GuardSettings.builder().policy(policy.toString()).audiences(AUDIENCE)
            .jwksUri(issuer.jwksUri()).groups("cloud-identity")
            .cloudIdentityApi(URI.create("http://127.0.0.1:" + api.getAddress().getPort())).build())
        .groupApiCredentials(uri -> Map.of("Authorization", List.of("Bearer test")))
        .start();
    new InvokerGuardMeters(runtime).bindTo(registry);
  }

  @AfterEach
  void stop() {
    runtime.close();
    api.stop(0);
  }

  /** groups.lookup names eng@example.com groups/eng; only alice is a member of it. */
  private void answer(HttpExchange exchange) throws IOException {
    String query = URLDecoder.decode(String.valueOf(exchange.getRequestURI().getRawQuery()), StandardCharsets.UTF_8);
    String body = exchange.getRequestURI().getPath().endsWith("groups:lookup")
        ? "{\"name\": \"groups/eng\", \"groupKey\": {\"id\": \"eng@example.com\"}}"
        : query.contains("alice@example.com") ? "{\"hasMembership\": true}" : "{}";
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private int get(String email) {
    return runtime.guard().check(AccessRequest.builder("GET", "svc.example.com", "/a")
        .header("Authorization", "Bearer " + issuer.user(email).audience(AUDIENCE).sign()).build()).status();
  }

  private double lookups(String outcome) {
    return registry.get("invokerguard.groups.lookups").tags("outcome", outcome).functionCounter().count();
  }

  @Test
  void groupLookupsWhenMemberNonMemberAndCachedAnswerThenCountedByOutcome() {
    assertThat(get("alice@example.com")).isEqualTo(200);
    assertThat(get("alice@example.com")).isEqualTo(200);
    assertThat(get("bob@example.com")).isEqualTo(403);

    assertThat(lookups("member")).isEqualTo(1);
    assertThat(lookups("non-member")).isEqualTo(1);
    assertThat(lookups("cache-hit")).isEqualTo(1);
    assertThat(lookups("server-error")).isZero();
    assertThat(lookups("stale")).isZero();
  }
}
