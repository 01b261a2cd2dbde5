package dev.invokerguard.spring;

import dev.invokerguard.runtime.GuardRuntime;

/**
 * Adjusts the {@link GuardRuntime} the starter builds, after the settings ({@code invokerguard.*}) and the
 * collaborator beans (clock, group resolver, API credentials, verifier customizers, decision listeners) are
 * applied and before it starts, the way Spring Boot's {@code RestClientCustomizer} adjusts a client builder.
 * Every {@code InvokerGuardCustomizer} bean in the context is applied, in {@code @Order} /
 * {@link org.springframework.core.Ordered} order (lowest first; a later one wins where two set the same
 * hook). A customizer that makes the runtime unusable fails start-up with
 * {@link dev.invokerguard.InvokerGuardConfigurationException}, never an open application.
 *
 * <pre>{@code
 * @Bean
 * InvokerGuardCustomizer auditTrail(AuditLog audit) {
 *   return runtime -> runtime.listener(event -> audit.record(event.decision()));
 * }
 * }</pre>
 */
@FunctionalInterface
public interface InvokerGuardCustomizer {

  /**
   * Changes the builder in place.
   *
   * @param runtime the builder of the runtime about to start
   */
  void customize(GuardRuntime.Builder runtime);
}
