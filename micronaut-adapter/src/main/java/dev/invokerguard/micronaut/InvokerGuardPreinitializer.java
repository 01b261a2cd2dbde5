package dev.invokerguard.micronaut;

import dev.invokerguard.runtime.Preinitializer;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.ApplicationContextConfigurer;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Starts InvokerGuard's background warm-up ({@link Preinitializer}) when the application context is being
 * built, before Micronaut reads its configuration, so that loading the guard's classes and JDK services runs on
 * another processor while the context starts. A service ({@code META-INF/services}) that Micronaut loads for
 * every {@code ApplicationContext.builder()}, outside the bean model. At that point only system properties
 * and environment variables can be read: {@code -Dinvokerguard.preinitialize=false} or
 * {@code INVOKERGUARD_PREINITIALIZE=false} turns it off, as does {@code invokerguard.enabled=false} given the
 * same way ({@code INVOKERGUARD_ENABLED=false}). It never delays or fails start-up.
 */
public final class InvokerGuardPreinitializer implements ApplicationContextConfigurer {
  private final Function<String, @Nullable String> properties;
  private final Predicate<Function<String, @Nullable String>> starter;

  /** The configurer Micronaut loads as a service. */
  public InvokerGuardPreinitializer() {
    this(InvokerGuardPreinitializer::systemOrEnvironment, Preinitializer::start);
  }

  InvokerGuardPreinitializer(Function<String, @Nullable String> properties,
      Predicate<Function<String, @Nullable String>> starter) {
    this.properties = properties;
    this.starter = starter;
  }

  @Override
  public void configure(ApplicationContextBuilder builder) {
    starter.test(properties);
  }

  /** {@code invokerguard.some-name} as a system property, else {@code INVOKERGUARD_SOME_NAME}. */
  static @Nullable String systemOrEnvironment(String property) {
    String value = System.getProperty(property);
    return value != null ? value : System.getenv(environmentName(property));
  }

  static String environmentName(String property) {
    return property.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
  }
}
