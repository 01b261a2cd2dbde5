package dev.invokerguard.spring.test;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.webtestclient.autoconfigure.WebTestClientBuilderCustomizer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A {@code WebTestClient} bound to a mock server (as in {@code @WebFluxTest}) sends requests without a host,
 * which the guard refuses as malformed (400) as a real server would never see them: such clients get the
 * base URL {@code http://localhost}. Loaded only when Spring Boot's WebTestClient and web server support are present.
 */
final class MockServerHost {
  private MockServerHost() {}

  /** Registers the base URL for a context without a running server; one with a server has its own. */
  static void register(ConfigurableApplicationContext context) {
    if (context instanceof WebServerApplicationContext) {
      return;
    }
    WebTestClientBuilderCustomizer localhost = builder -> builder.baseUrl("http://localhost");
    context.getBeanFactory().registerSingleton("invokerGuardMockServerHost", localhost);
  }
}
