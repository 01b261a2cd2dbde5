package dev.invokerguard.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invokerguard.testing.TestIssuer;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The host the guard evaluates is the one Jetty routes ({@code getServerName()}, which the adapter contract's
 * echo does not show; the contract suite covers paths). The policy lets anonymous callers reach one
 * host-and-path ({@code public.example.com} {@code /host/a}); every ambiguous spelling of the host must
 * either be refused (400, or 401 because the guard saw another host), or reach the servlet routed to exactly
 * the host the guard allowed. Sent over a raw socket so that no client normalises the request.
 */
class InvokerGuardFilterHostTest {
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
