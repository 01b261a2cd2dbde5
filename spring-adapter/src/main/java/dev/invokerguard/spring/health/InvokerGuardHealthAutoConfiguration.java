package dev.invokerguard.spring.health;

import dev.invokerguard.runtime.GuardRuntime;
import dev.invokerguard.spring.InvokerGuardAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/** With Spring Boot's health support (Actuator): the guard's health as the component {@code invokerGuard}. */
@AutoConfiguration(after = InvokerGuardAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "invokerguard.enabled", matchIfMissing = true)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(GuardRuntime.class)
public class InvokerGuardHealthAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean(name = "invokerGuardHealthIndicator")
  InvokerGuardHealthIndicator invokerGuardHealthIndicator(GuardRuntime runtime) {
    return new InvokerGuardHealthIndicator(runtime);
  }
}
