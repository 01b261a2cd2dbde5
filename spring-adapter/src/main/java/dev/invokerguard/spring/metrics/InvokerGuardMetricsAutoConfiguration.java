package dev.invokerguard.spring.metrics;

import dev.invokerguard.micrometer.InvokerGuardMeters;
import dev.invokerguard.micrometer.RequestMetrics;
import dev.invokerguard.runtime.GuardRuntime;
import dev.invokerguard.spring.InvokerGuardAutoConfiguration;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * With Micrometer on the class path: the meters of {@code invokerguard-micrometer} as {@link MeterBinder}
 * beans, which Spring Boot's metrics support binds to every meter registry: {@link RequestMetrics} (the
 * {@code invokerguard.requests} timer; a decision listener, so the starter's runtime hands it every decision)
 * and {@link InvokerGuardMeters} (key sets, the verified-token cache, the policy). Nothing happens without
 * Micrometer; an application bean of either type replaces the default.
 */
@AutoConfiguration(after = InvokerGuardAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "invokerguard.enabled", matchIfMissing = true)
@ConditionalOnClass({MeterBinder.class, RequestMetrics.class})
@ConditionalOnBean(GuardRuntime.class)
public class InvokerGuardMetricsAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  RequestMetrics invokerGuardRequestMetrics() {
    return new RequestMetrics();
  }

  @Bean
  @ConditionalOnMissingBean
  InvokerGuardMeters invokerGuardMeters(GuardRuntime runtime) {
    return new InvokerGuardMeters(runtime);
  }
}
