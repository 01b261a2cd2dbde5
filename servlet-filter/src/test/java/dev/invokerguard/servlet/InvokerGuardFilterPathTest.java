package dev.invokerguard.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invokerguard.testing.TestIssuer;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The path and host the guard evaluates are the ones the container routes. The policy lets anonymous
 * callers reach exactly one path ({@code /public/a}) and one host-and-path ({@code public.example.com}
 * {@code /host/a}); every ambiguous spelling must either be refused (400, or 401 because the guard saw
 * another path), or reach the servlet routed to exactly what the guard allowed. Sent over a raw socket so
 * that no client normalises the request-target.
 */
class InvokerGuardFilterPathTest {
  private static TestIssuer issuer;
  private static GuardedJetty jetty;

  @BeforeAll
  static void start() throws Exception {
    issuer = TestIssuer.start();
    jetty = new GuardedJetty(new InvokerGuardFilter(FilterFixtures.settings(issuer)), Map.of());
  }

  @AfterAll
  static void stop() throws Exception {
    jetty.close();
    issuer.close();
  }

  @BeforeEach
  void forget() {
    jetty.seen.clear();
  }

  @Test
  void doFilterWhenPlainAllowedTargetsThenServletReachedWithThem() throws Exception {
    assertThat(GuardedJetty.status(jetty.get("/public/a"))).isEqualTo(200);
    assertThat(GuardedJetty.status(jetty.get("/host/a", "Host: public.example.com"))).isEqualTo(200);
    assertThat(GuardedJetty.status(jetty.get("/host/a", "Host: evil.example.com"))).isEqualTo(401);
    assertThat(GuardedJetty.status(jetty.get("/private/a"))).isEqualTo(401);
    assertThat(jetty.seen).extracting(GuardedJetty.Seen::path).containsExactly("/public/a", "/host/a");
  }

  @Test
  void doFilterWhenGuardRefusesPathThenProblemJsonAndNoServlet() throws Exception {
    String response = jetty.get("/public/a;x=1");

    assertThat(GuardedJetty.status(response)).isEqualTo(400);
    assertThat(response).containsIgnoringCase("Content-Type: application/problem+json")
        .contains("\"status\":400");
    assertThat(jetty.seen).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "/public/a",
      "/public/%61",
      "/public/./a",
      "/public/b/../a",
      "/public/a/",
      // encoded dot segments
      "/public/%2e%2e/private/a", "/public/%2E%2E/private/a", "/public/.%2e/private/a",
      "/private/%2e%2e/public/a", "/private/%2e/../public/a", "/public/%2e/a",
      // encoded slash and backslash
      "/public%2fa", "/public/..%2fprivate/a", "/public/a%2f..%2f..%2fprivate/a", "/private%2f..%2fpublic/a",
      "/public/%5c../private/a", "/public%5ca",
      // ; parameters
      "/public/a;x=1", "/public;/a", "/private;/../public/a", "/public/a/..;/..;/private/a", "/private/..;/public/a",
      // repeated slashes
      "//public/a", "/public//a", "///private/a", "//private/../public/a",
      // backslash
      "/public\\a", "/public/..\\private/a", "/private\\..\\public/a",
      // mixed case
      "/PUBLIC/a", "/Public/A", "/public/%41",
      // absolute-form request targets
      "http://svc.example.com/public/a", "http://svc.example.com/private/a",
      "http://svc.example.com/public/%2e%2e/private/a", "HTTP://SVC.example.com/public/a"})
  void doFilterWhenAmbiguousPathThenRefusedOrRoutedToWhatTheGuardAllowed(String target) throws Exception {
    String response = jetty.get(target);
    int status = GuardedJetty.status(response);

    assertThat(status).as(target + "\n" + response).isIn(200, 400, 401);
    if (status == 200) {
      assertThat(jetty.seen).as(target).hasSize(1);
      assertThat(jetty.seen.get(0).path()).as(target).isEqualTo("/public/a");
    } else {
      assertThat(jetty.seen).as(target).isEmpty();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "GET /host/a|Host: public.example.com",
      "GET /host/a|Host: PUBLIC.Example.COM",
      "GET /host/a|Host: public.example.com.",
      "GET /host/a|Host: public.example.com.:8080",
      "GET /host/a|Host: public.example.com:8080",
      "GET /host/a|Host: evil.example.com",
      "GET /host/a|Host: public.example.com|Host: evil.example.com",
      "GET /host/a|Host: evil.example.com|Host: public.example.com",
      "GET /host/a|Host: public.example.com, evil.example.com",
      "GET /host/a|Host: public.example.com@evil.example.com",
      "GET http://public.example.com/host/a|Host: public.example.com",
      "GET http://public.example.com/host/a|Host: evil.example.com",
      "GET http://evil.example.com/host/a|Host: public.example.com",
      "GET http://public.example.com./host/a|Host: public.example.com",
      "GET http://public.example.com/host/a|Host: public.example.com."})
  void doFilterWhenAmbiguousHostThenRefusedOrRoutedToWhatTheGuardAllowed(String spec) throws Exception {
    String[] parts = spec.split("\\|");
    String target = parts[0].substring(4);
    String[] headers = java.util.Arrays.copyOfRange(parts, 1, parts.length);

    String response = jetty.get(target, headers);
    int status = GuardedJetty.status(response);

    assertThat(status).as(spec + "\n" + response).isIn(200, 400, 401);
    if (status == 200) {
      assertThat(jetty.seen).as(spec).hasSize(1);
      String routedHost = jetty.seen.get(0).serverName().toLowerCase(Locale.ROOT);
      assertThat(routedHost.endsWith(".") ? routedHost.substring(0, routedHost.length() - 1) : routedHost)
          .as(spec).isEqualTo("public.example.com");
      assertThat(jetty.seen.get(0).path()).isEqualTo("/host/a");
    } else {
      assertThat(jetty.seen).as(spec).isEmpty();
    }
  }
}
