package dev.invokerguard.spring;

import dev.invokerguard.DecisionListener;
import dev.invokerguard.InvokerGuard;
import dev.invokerguard.identity.GroupResolver;
import dev.invokerguard.policy.source.ApiCredentials;
import dev.invokerguard.policy.source.PolicySource;
import dev.invokerguard.runtime.GuardRuntime;
import dev.invokerguard.runtime.GuardSettings;
import dev.invokerguard.runtime.VerifierCustomizer;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The framework-free part of InvokerGuard as beans: {@link GuardSettings} from the {@code invokerguard.*}
 * properties ({@link InvokerGuardProperties}), the {@link GuardRuntime} started from them (policy loaded, keys
 * fetched in the background; closed with the application context, which stops its background refreshes) and its
 * {@link InvokerGuard}. An application that defines its own {@code GuardSettings}, {@code GuardRuntime} or
 * {@code InvokerGuard} bean replaces the corresponding default; {@code invokerguard.enabled=false} turns it
 * all off. A missing or bad setting, or a policy that does not load, fails start-up: the application never
 * starts open ({@link InvokerGuardFailureAnalyzer} says which setting).
 *
 * <p>The runtime's collaborators are beans an application replaces by defining its own: the {@link Clock}
 * (token times, cache lifetimes, {@code request.time}; default the system UTC clock), the
 * {@link GroupResolver} ({@code group:} members; default none, or the {@code invokerguard.groups} document)
 * and the {@link ApiCredentials} of {@code cloudrun://} policy locations (default Application Default
 * Credentials). A {@link PolicySource} bean, when the application defines one, is the policy every request is
 * decided by instead of {@code invokerguard.policy}, which must then be unset (the runtime reports its status
 * and does not close it). Every {@link VerifierCustomizer} and {@link DecisionListener} bean is handed to the
 * runtime in order, then every {@link InvokerGuardCustomizer}.
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
  GuardRuntime invokerGuardRuntime(GuardSettings settings, Clock clock, GroupResolver groups,
      ApiCredentials credentials, ObjectProvider<PolicySource> policySource,
      ObjectProvider<VerifierCustomizer> verifierCustomizers, ObjectProvider<DecisionListener> listeners,
      ObjectProvider<InvokerGuardCustomizer> customizers) {
    GuardRuntime.Builder runtime = GuardRuntime.builder(settings).clock(clock).apiCredentials(credentials);
    policySource.ifAvailable(runtime::policySource);
    if (groups != GroupResolver.NONE) {
      runtime.groupResolver(groups);
    }
    verifierCustomizers.orderedStream().forEach(runtime::verifierCustomizer);
    listeners.orderedStream().forEach(runtime::listener);
    customizers.orderedStream().forEach(customizer -> customizer.customize(runtime));
    return runtime.start();
  }

  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnBean(GuardRuntime.class)
  InvokerGuard invokerGuard(GuardRuntime runtime) {
    return runtime.guard();
  }

  /** The runtime's default collaborators, each replaced by an application bean of its type. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnMissingBean({GuardRuntime.class, InvokerGuard.class})
  static class Collaborators {

    /** The system clock in UTC. */
    @Bean
    @ConditionalOnMissingBean
    Clock invokerGuardClock() {
      return Clock.systemUTC();
    }

    /** No group resolution beyond the {@code invokerguard.groups} document, if one is set. */
    @Bean
    @ConditionalOnMissingBean
    GroupResolver invokerGuardGroupResolver() {
      return GroupResolver.NONE;
    }

    /** Application Default Credentials, found on first use (Google Auth Library on the class path). */
    @Bean
    @ConditionalOnMissingBean
    ApiCredentials invokerGuardApiCredentials() {
      return ApiCredentials.applicationDefault();
    }
  }
}
