package dev.invokerguard.spring.metrics;

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
 * With Micrometer on the class path: {@link InvokerGuardMeters} as a {@link MeterBinder} bean, which Spring
 * Boot's metrics support binds to every meter registry. Nothing happens without Micrometer.
 */
@AutoConfiguration(after = InvokerGuardAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "invokerguard.enabled", matchIfMissing = true)
@ConditionalOnClass(MeterBinder.class)
@ConditionalOnBean(GuardRuntime.class)
public class InvokerGuardMetricsAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  InvokerGuardMeters invokerGuardMeters(GuardRuntime runtime) {
    return new InvokerGuardMeters(runtime);
  }
}
