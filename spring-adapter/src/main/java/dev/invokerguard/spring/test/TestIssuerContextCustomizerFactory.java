package dev.invokerguard.spring.test;

import dev.invokerguard.testing.TestIssuer;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.util.ClassUtils;

/**
 * For a test class annotated {@link WithInvokerGuardTestIssuer}: starts a {@link TestIssuer} with the
 * application context (closed with it), points {@code invokerguard.jwks-uri} at it and registers
 * {@link InvokerGuardTokens}. Registered in {@code META-INF/spring.factories}.
 */
final class TestIssuerContextCustomizerFactory implements ContextCustomizerFactory {
  static final String PROPERTY_SOURCE = "invokerGuardTestIssuer";
  private static final String WEB_SERVER_CONTEXT =
      "org.springframework.boot.web.server.context.WebServerApplicationContext";
  private static final String WEB_TEST_CLIENT_CUSTOMIZER =
      "org.springframework.boot.webtestclient.autoconfigure.WebTestClientBuilderCustomizer";

  @Override
  public ContextCustomizer createContextCustomizer(Class<?> testClass,
      List<ContextConfigurationAttributes> configAttributes) {
    return TestContextAnnotationUtils.hasAnnotation(testClass, WithInvokerGuardTestIssuer.class)
        ? new Customizer() : null;
  }

  /** One kind for every annotated class, so that their contexts can be cached and shared. */
  static final class Customizer implements ContextCustomizer {
    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
      TestIssuer issuer = TestIssuer.start();
      issuer.user("warm-up@example.com").sign(); // the key exists before the guard fetches it
      context.getEnvironment().getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE,
          Map.of("invokerguard.jwks-uri", issuer.jwksUri().toString())));
      context.getBeanFactory().registerSingleton("invokerGuardTokens",
          new InvokerGuardTokens(issuer, context.getEnvironment()));
      context.addApplicationListener((ApplicationListener<ContextClosedEvent>) closed -> issuer.close());
      if (ClassUtils.isPresent(WEB_TEST_CLIENT_CUSTOMIZER, context.getClassLoader())
          && ClassUtils.isPresent(WEB_SERVER_CONTEXT, context.getClassLoader())) {
        MockServerHost.register(context);
      }
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Customizer;
    }

    @Override
    public int hashCode() {
      return Customizer.class.hashCode();
    }
  }
}
