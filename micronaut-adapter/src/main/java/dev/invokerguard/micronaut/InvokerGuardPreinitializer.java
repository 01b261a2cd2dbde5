package dev.invokerguard.micronaut;

import dev.invokerguard.runtime.Preinitializer;
import dev.invokerguard.runtime.SettingKey;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.ApplicationContextConfigurer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Starts InvokerGuard's background warm-up ({@link Preinitializer}) when the application context is being
 * built, before Micronaut reads its configuration, so that loading the guard's classes and JDK services runs on
 * another processor while the context starts. A service ({@code META-INF/services}) that Micronaut loads for
 * every {@code ApplicationContext.builder()}, outside the bean model. At that point only system properties
 * and environment variables can be read: {@code -Dinvokerguard.preinitialize=false} or
 * {@code INVOKERGUARD_PREINITIALIZE=false} ({@link SettingKey#PREINITIALIZE}) turns it off, as does
 * {@code invokerguard.enabled=false} given the same way ({@value #ENABLED_ENV}=false). It never delays or fails
 * start-up.
 */
public final class InvokerGuardPreinitializer implements ApplicationContextConfigurer {
  /** {@link InvokerGuardConfiguration#ENABLED_PROPERTY} as an environment variable. */
  static final String ENABLED_ENV = "INVOKERGUARD_ENABLED";

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

  /** {@code invokerguard.some-name} as a system property, else its {@code INVOKERGUARD_SOME_NAME} variable. */
  static @Nullable String systemOrEnvironment(String property) {
    return systemOrEnvironment(property, System::getProperty, System::getenv);
  }

  /**
   * A system property, else the environment variable of the same setting ({@link SettingKey#env()}, or
   * {@value #ENABLED_ENV} for {@code invokerguard.enabled}); {@code null} for a property that is neither.
   */
  static @Nullable String systemOrEnvironment(String property, Function<String, @Nullable String> system,
      Function<String, @Nullable String> environment) {
    String value = system.apply(property);
    if (value != null) {
      return value;
    }
    String variable = InvokerGuardConfiguration.ENABLED_PROPERTY.equals(property) ? ENABLED_ENV
        : SettingKey.byProperty(property).map(SettingKey::env).orElse(null);
    return variable == null ? null : environment.apply(variable);
  }
}
