package dev.invokerguard.spring;

import dev.invokerguard.InvokerGuard;
import dev.invokerguard.runtime.GuardRuntime;
import dev.invokerguard.runtime.GuardSettings;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The framework-free part of InvokerGuard as beans: {@link GuardSettings} from the {@code invokerguard.*}
 * properties ({@link InvokerGuardProperties}), the {@link GuardRuntime} started from them (keys prefetched,
 * policy loaded; closed with the application context, which stops its background refreshes) and its
 * {@link InvokerGuard}. An application that defines its own {@code GuardSettings}, {@code GuardRuntime} or
 * {@code InvokerGuard} bean replaces the corresponding default; {@code invokerguard.enabled=false} turns it
 * all off. A missing or bad setting, or a policy that does not load, fails start-up: the application never
 * starts open ({@link InvokerGuardFailureAnalyzer} says which setting).
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "invokerguard.enabled", matchIfMissing = true)
@EnableConfigurationProperties(InvokerGuardProperties.class)
public class InvokerGuardAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean({GuardSettings.class, InvokerGuard.class})
  GuardSettings invokerGuardSettings(InvokerGuardProperties properties) {
    return properties.toSettings();
  }

  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean({GuardRuntime.class, InvokerGuard.class})
  GuardRuntime invokerGuardRuntime(GuardSettings settings) {
    return GuardRuntime.start(settings);
  }

  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnBean(GuardRuntime.class)
  InvokerGuard invokerGuard(GuardRuntime runtime) {
    return runtime.guard();
  }
}
