package dev.invokerguard.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invokerguard.request.AccessRequest;
import dev.invokerguard.InvokerGuard;
import dev.invokerguard.InvokerGuardConfigurationException;
import dev.invokerguard.policy.PolicyLayer;
import dev.invokerguard.policy.PolicyText;
import dev.invokerguard.testing.TestIssuer;
import dev.invokerguard.token.GoogleIdTokenVerifier;
import dev.invokerguard.token.TokenFamily;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InvokerGuardFilterTest {
  private static TestIssuer issuer;
  private static GuardedJetty jetty;

  @BeforeAll
  static void start() throws Exception {
    issuer = TestIssuer.start();
    jetty = new GuardedJetty(null, FilterFixtures.initParameters(issuer));
    jetty.awaitKeys("/private/a", FilterFixtures.alice(issuer));
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
  void doFilterWhenGrantedTokenThenChainSeesPrincipalCallerAndAuthType() throws Exception {
    String response = jetty.get("/private/a", "Authorization: Bearer " + FilterFixtures.alice(issuer));

    assertThat(GuardedJetty.status(response)).isEqualTo(200);
    GuardedJetty.Seen seen = jetty.seen.get(0);
    assertThat(seen.principal()).isEqualTo("user:alice@example.com");
    assertThat(seen.authType()).isEqualTo("BEARER");
    assertThat(seen.caller().principal()).isEqualTo("user:alice@example.com");
    assertThat(seen.caller().anonymous()).isFalse();
  }

  @Test
  void doFilterWhenAnonymousOnPublicPathThenCallerAttributeWithoutPrincipal() throws Exception {
    assertThat(GuardedJetty.status(jetty.get("/public/a"))).isEqualTo(200);

    GuardedJetty.Seen seen = jetty.seen.get(0);
    assertThat(seen.principal()).isNull();
    assertThat(seen.authType()).isNull();
    assertThat(seen.caller().principal()).isEqualTo("allUsers");
  }

  @Test
  void constructorWhenGuardBuiltInCodeThenUsesIt() throws Exception {
    try (GoogleIdTokenVerifier verifier = GoogleIdTokenVerifier.builder()
        .family(TokenFamily.google(List.of(FilterFixtures.AUDIENCE)).withKeySetUri(issuer.jwksUri())).build()) {
      InvokerGuard guard = InvokerGuard.builder().verifier(verifier).allowPolicy(PolicyText.json("inline",
          "{\"bindings\": [{\"role\": \"roles/run.invoker\", \"members\": [\"user:carol@example.com\"]}]}"),
          PolicyLayer.SERVICE).build();
      try (GuardedJetty own = new GuardedJetty(new InvokerGuardFilter(guard), Map.of())) {
        String carol = issuer.user("carol@example.com").audience(FilterFixtures.AUDIENCE).sign();

        assertThat(GuardedJetty.status(own.get("/x", "Authorization: Bearer " + carol))).isEqualTo(200);
        assertThat(GuardedJetty.status(own.get("/x", "Authorization: Bearer " + FilterFixtures.alice(issuer))))
            .isEqualTo(403);
      }
    }
  }

  @Test
  void initWhenInitParameterMissesAudienceThenStartFailsNamingIt() {
    Map<String, String> params = new HashMap<>(FilterFixtures.initParameters(issuer));
    params.remove("invokerguard.audiences");
    InvokerGuardFilter filter = new InvokerGuardFilter();

    assertThatThrownBy(() -> filter.init(new MapFilterConfig(params)))
        .isInstanceOf(InvokerGuardConfigurationException.class)
        .hasMessageContaining("invokerguard.audiences (INVOKERGUARD_AUDIENCES) is required");
  }

  @Test
  void initWhenPolicyLocationMissingThenServerDoesNotStart() {
    Map<String, String> params = new HashMap<>(FilterFixtures.initParameters(issuer));
    params.put("invokerguard.policy", "classpath:missing.json");

    assertThatThrownBy(() -> new GuardedJetty(null, params).close())
        .isInstanceOf(InvokerGuardConfigurationException.class)
        .hasMessageContaining("invokerguard.policy (INVOKERGUARD_POLICY)")
        .hasMessageContaining("classpath:missing.json");
  }

  @Test
  void destroyWhenStartedFromSettingsThenKeySourcesStopFetching() throws Exception {
    InvokerGuardFilter filter = new InvokerGuardFilter(FilterFixtures.settings(issuer));
    filter.init(new MapFilterConfig(Map.of()));
    InvokerGuard running = filter.guard();
    String unknownKid = issuer.user("alice@example.com").audience(FilterFixtures.AUDIENCE).keyId("later").sign();
    AccessRequest request = AccessRequest.builder("GET", "svc.example", "/private/a")
        .header("Authorization", "Bearer " + unknownKid).build();

    filter.destroy();
    int before = issuer.keyRequests();
    running.check(request);

    assertThat(issuer.keyRequests()).isEqualTo(before);
    assertThatThrownBy(filter::guard).isInstanceOf(IllegalStateException.class);
    assertThat(filter.runtime()).isEmpty();
  }

  @Test
  void destroyWhenStartedFromSettingsThenRequestsAreRefused() throws Exception {
    InvokerGuardFilter filter = new InvokerGuardFilter(FilterFixtures.settings(issuer));
    filter.init(new MapFilterConfig(Map.of()));
    filter.destroy();

    assertThatThrownBy(() -> filter.doFilter(proxy(HttpServletRequest.class), proxy(HttpServletResponse.class),
        (req, res) -> { }))
        .isInstanceOf(ServletException.class).hasMessageContaining("not initialised");
  }

  private static <T> T proxy(Class<T> type) {
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, m, a) -> null));
  }
}
