package dev.invokerguard.spring.test.mvcslice;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.invokerguard.spring.test.InvokerGuardMockMvc;
import dev.invokerguard.spring.test.InvokerGuardTokens;
import dev.invokerguard.spring.test.WithInvokerGuardTestIssuer;
import dev.invokerguard.testing.TestIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/** A user's @WebMvcTest of a guarded controller, with real tokens, real verification and the real policy. */
@WebMvcTest(SliceApplication.OrdersController.class)
@WithInvokerGuardTestIssuer
@TestPropertySource(properties = {"invokerguard.policy=classpath:invokerguard/policy.yaml",
    "invokerguard.audiences=https://svc.example.com", "spring.autoconfigure.exclude="
        + "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration,"
        + "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration"})
class WebMvcSliceTest {
  @Autowired
  MockMvc mvc;

  @Autowired
  InvokerGuardTokens tokens;

  @Test
  void getWhenGrantedUsersTokenThenTheControllerSeesTheCaller() throws Exception {
    mvc.perform(get("/private/orders").with(InvokerGuardMockMvc.user("alice@example.com")))
        .andExpect(status().isOk()).andExpect(content().string("orders of user:alice@example.com"));
  }

  @Test
  void getWhenUserTheApplicationsPolicyDoesNotGrantThen403() throws Exception {
    mvc.perform(get("/private/orders").with(InvokerGuardMockMvc.user("mallory@example.com")))
        .andExpect(status().isForbidden());
  }

  @Test
  void getWhenNoTokenThen401() throws Exception {
    mvc.perform(get("/private/orders")).andExpect(status().isUnauthorized())
        .andExpect(header().string("WWW-Authenticate", "Bearer realm=\"invokerguard\""));
  }

  @Test
  void getWhenTokenSignedByAnotherIssuerThenVerificationRejectsIt() throws Exception {
    try (TestIssuer stranger = TestIssuer.start()) {
      String forged = stranger.user("alice@example.com").audience(tokens.audience()).sign();

      mvc.perform(get("/private/orders").with(InvokerGuardMockMvc.bearer(forged)))
          .andExpect(status().isUnauthorized())
          .andExpect(header().string("WWW-Authenticate", org.hamcrest.Matchers.containsString("invalid_token")));
    }
  }

  @Test
  void getWhenExpiredTokenThen401() throws Exception {
    java.time.Instant now = java.time.Instant.now();
    String expired = tokens.userToken("alice@example.com").issuedAt(now.minusSeconds(7200))
        .expiresAt(now.minusSeconds(3600)).sign();

    mvc.perform(get("/private/orders").with(InvokerGuardMockMvc.bearer(expired)))
        .andExpect(status().isUnauthorized());
  }
}
