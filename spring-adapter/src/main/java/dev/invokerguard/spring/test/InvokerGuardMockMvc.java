package dev.invokerguard.spring.test;

import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.context.support.WebApplicationContextUtils;

/**
 * MockMvc request post-processors that send real signed tokens to a guarded application tested with
 * {@link WithInvokerGuardTestIssuer}:
 * {@code mvc.perform(get("/orders").with(InvokerGuardMockMvc.user("alice@example.com")))}.
 */
public final class InvokerGuardMockMvc {
  private InvokerGuardMockMvc() {}

  /** {@code Authorization: Bearer} with a token of the user {@code email}. */
  public static RequestPostProcessor user(String email) {
    return request -> {
      request.addHeader("Authorization", "Bearer " + tokens(request.getServletContext()).user(email));
      return request;
    };
  }

  /** {@code Authorization: Bearer} with a token of the service account {@code email}. */
  public static RequestPostProcessor serviceAccount(String email) {
    return request -> {
      request.addHeader("Authorization", "Bearer " + tokens(request.getServletContext()).serviceAccount(email));
      return request;
    };
  }

  /** {@code Authorization: Bearer} with this token. */
  public static RequestPostProcessor bearer(String token) {
    return request -> {
      request.addHeader("Authorization", "Bearer " + token);
      return request;
    };
  }

  private static InvokerGuardTokens tokens(jakarta.servlet.ServletContext servletContext) {
    WebApplicationContext context = WebApplicationContextUtils.getRequiredWebApplicationContext(servletContext);
    return context.getBean(InvokerGuardTokens.class);
  }
}
