package dev.invokerguard.micronaut;

import dev.invokerguard.DecisionListener;
import dev.invokerguard.InvokerGuard;
import dev.invokerguard.identity.GroupResolver;
import dev.invokerguard.policy.source.ApiCredentials;
import dev.invokerguard.policy.source.PolicySource;
import dev.invokerguard.runtime.GuardRuntime;
import dev.invokerguard.runtime.GuardSettings;
import dev.invokerguard.runtime.VerifierCustomizer;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.util.StringUtils;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The InvokerGuard beans, each built only when the application defines none of its type, so that any of them
 * can be replaced ({@code @Replaces}, or simply a bean of the same type):
 *
 * <ul>
 *   <li>{@link GuardSettings}, from {@link InvokerGuardConfiguration} ({@code invokerguard.*});
 *   <li>{@link GuardRuntime}, started from the settings when the application context starts (a bad setting or
 *       a policy that does not load stops start-up) and closed with the context, telling every
 *       {@link DecisionListener} bean of every decision. The core's collaborators are the application's when it
 *       defines a bean of their type: a {@link PolicySource} (instead of {@code invokerguard.policy}, which is
 *       then left unset; the runtime does not close it), a {@link GroupResolver} (instead of
 *       {@code invokerguard.groups}), the {@link ApiCredentials} of {@code cloudrun://} policies, the {@link Clock} of every decision, and every
 *       {@link VerifierCustomizer} (applied in order); without one the core's default is used;
 *   <li>{@link InvokerGuard}, the runtime's guard, which {@link InvokerGuardServerFilter} asks.
 * </ul>
 *
 * <p>{@code invokerguard.enabled=false} removes them all.
 */
@Factory
@Requires(property = InvokerGuardConfiguration.ENABLED_PROPERTY, notEquals = StringUtils.FALSE)
public class InvokerGuardFactory {

  /** The settings from {@code invokerguard.*}; validated by the core. */
  @Singleton
  @Requires(missingBeans = GuardSettings.class)
  public GuardSettings guardSettings(InvokerGuardConfiguration configuration) {
    return configuration.toSettings();
  }

  /**
   * The running guard: loads the policy at start-up and fetches the keys in the background; closed with the
   * context. Every {@link DecisionListener} bean (the meters of {@code invokerguard-micrometer}, an audit
   * trail) is told of every decision, after the decision log.
   */
  @Context
  @Bean(preDestroy = "close")
  @Requires(missingBeans = GuardRuntime.class)
  public GuardRuntime guardRuntime(GuardSettings settings, List<DecisionListener> listeners,
      Optional<PolicySource> policySource, Optional<GroupResolver> groupResolver,
      Optional<ApiCredentials> apiCredentials, Optional<Clock> clock, List<VerifierCustomizer> verifierCustomizers) {
    GuardRuntime.Builder builder = GuardRuntime.builder(settings);
    listeners.forEach(builder::listener);
    policySource.ifPresent(builder::policySource);
    groupResolver.ifPresent(builder::groupResolver);
    apiCredentials.ifPresent(builder::apiCredentials);
    clock.ifPresent(builder::clock);
    verifierCustomizers.forEach(builder::verifierCustomizer);
    return builder.start();
  }

  /** The guard the filter asks. */
  @Singleton
  @Requires(missingBeans = InvokerGuard.class)
  public InvokerGuard invokerGuard(GuardRuntime runtime) {
    return runtime.guard();
  }
}
