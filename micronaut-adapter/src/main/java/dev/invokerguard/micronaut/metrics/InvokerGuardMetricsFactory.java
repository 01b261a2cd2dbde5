package dev.invokerguard.micronaut.metrics;

import dev.invokerguard.micrometer.InvokerGuardMeters;
import dev.invokerguard.micrometer.RequestMetrics;
import dev.invokerguard.micronaut.InvokerGuardConfiguration;
import dev.invokerguard.runtime.GuardRuntime;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.util.StringUtils;
import jakarta.inject.Singleton;

/**
 * With {@code micronaut-micrometer-core} and {@code invokerguard-micrometer} on the class path, the meters
 * every InvokerGuard adapter publishes, as {@link io.micrometer.core.instrument.binder.MeterBinder} beans,
 * which Micronaut binds to its meter registries ({@code micronaut.metrics.binders} apply as usual):
 *
 * <ul>
 *   <li>{@link RequestMetrics}: the {@value RequestMetrics#REQUESTS} timer, one sample per decision, tagged
 *       {@code outcome}, {@code reason}, {@code status} and {@code mode}; it is also a
 *       {@link dev.invokerguard.DecisionListener}, which the runtime is built with;
 *   <li>{@link InvokerGuardMeters}: key set fetches, failures and age, token cache, policy age and reload
 *       failures, read from the running guard.
 * </ul>
 *
 * <p>Each is built only when the application defines none of its type. Nothing happens without Micrometer,
 * and {@code invokerguard.enabled=false} removes them.
 */
@Factory
@Requires(classes = {MeterRegistry.class, RequestMetrics.class})
@Requires(property = InvokerGuardConfiguration.ENABLED_PROPERTY, notEquals = StringUtils.FALSE)
public class InvokerGuardMetricsFactory {

  /** The {@value RequestMetrics#REQUESTS} timer, told of every decision by the runtime. */
  @Singleton
  @Requires(missingBeans = RequestMetrics.class)
  public RequestMetrics invokerGuardRequestMetrics() {
    return new RequestMetrics();
  }

  /** Meters read from the running guard when a registry is scraped. */
  @Singleton
  @Requires(beans = GuardRuntime.class)
  @Requires(missingBeans = InvokerGuardMeters.class)
  public InvokerGuardMeters invokerGuardMeters(GuardRuntime runtime) {
    return new InvokerGuardMeters(runtime);
  }
}
