package dev.invokerguard.spring.test.fluxslice;

import dev.invokerguard.spring.test.InvokerGuardTokens;
import dev.invokerguard.spring.test.WithInvokerGuardTestIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** A user's @WebFluxTest of a guarded controller, with real tokens, real verification and the real policy. */
@WebFluxTest(FluxSliceApplication.OrdersController.class)
@WithInvokerGuardTestIssuer
@TestPropertySource(properties = {"invokerguard.policy=classpath:invokerguard/policy.yaml",
    "invokerguard.audiences=https://svc.example.com", "spring.autoconfigure.exclude="
        + "org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration,"
        + "org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration"})
class WebFluxSliceTest {
  @Autowired
  WebTestClient client;

  @Autowired
  InvokerGuardTokens tokens;

  @Test
  void getWhenGrantedServiceAccountsTokenThenTheControllerSeesTheCaller() {
    client.get().uri("/private/orders")
        .headers(h -> h.setBearerAuth(tokens.serviceAccount("robot@p.iam.gserviceaccount.com")))
        .exchange().expectStatus().isOk()
        .expectBody(String.class).isEqualTo("orders of serviceAccount:robot@p.iam.gserviceaccount.com");
  }

  @Test
  void getWhenUserTheApplicationsPolicyDoesNotGrantThen403() {
    client.get().uri("/private/orders").headers(h -> h.setBearerAuth(tokens.user("mallory@example.com")))
        .exchange().expectStatus().isForbidden();
  }

  @Test
  void getWhenNoTokenThen401() {
    client.get().uri("/private/orders").exchange().expectStatus().isUnauthorized();
  }
}
