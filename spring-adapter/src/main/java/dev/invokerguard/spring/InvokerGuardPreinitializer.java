package dev.invokerguard.spring;

import dev.invokerguard.runtime.Preinitializer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;

/**
 * Starts InvokerGuard's background warm-up ({@link Preinitializer}) as soon as the application's
 * {@code Environment} is prepared, the event at which Spring Boot starts its own background pre-initialisation,
 * so that loading the guard's classes and JDK services runs on another processor while the context is built.
 * Registered in {@code META-INF/spring.factories}; {@code invokerguard.preinitialize=false}
 * ({@link dev.invokerguard.runtime.SettingKey#PREINITIALIZE}, or {@code INVOKERGUARD_PREINITIALIZE=false}), or
 * {@code invokerguard.enabled=false}, in any property source turns it off. It never delays or fails start-up.
 */
public final class InvokerGuardPreinitializer
    implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {
  /** Just after Boot's logging set-up and its own background pre-initialiser. */
  static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 21;

  private final Predicate<Function<String, @Nullable String>> starter;

  /** The listener Spring Boot creates from {@code spring.factories}. */
  public InvokerGuardPreinitializer() {
    this(Preinitializer::start);
  }

  InvokerGuardPreinitializer(Predicate<Function<String, @Nullable String>> starter) {
    this.starter = starter;
  }

  @Override
  public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
    starter.test(event.getEnvironment()::getProperty);
  }

  @Override
  public int getOrder() {
    return ORDER;
  }
}
