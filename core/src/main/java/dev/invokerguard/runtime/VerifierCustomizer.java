package dev.invokerguard.runtime;

import dev.invokerguard.token.GoogleIdTokenVerifier;

/**
 * Adjusts the token verifier a {@link GuardRuntime} builds from settings, after the settings are applied and
 * before it is built, the way Spring Boot's {@code JwkSetUriJwtDecoderBuilderCustomizer} adjusts a JWT
 * decoder: one more token family, other key-set timeouts, a longer token limit. A customizer that makes the
 * verifier unusable fails start-up with {@link dev.invokerguard.InvokerGuardConfigurationException}.
 */
@FunctionalInterface
public interface VerifierCustomizer {

  /** Changes the builder in place. */
  void customize(GoogleIdTokenVerifier.Builder builder);
}
