package dev.invokerguard.micronaut;

import dev.invokerguard.InvokerGuard;
import dev.invokerguard.runtime.GuardSettings;
import dev.invokerguard.policy.PolicyLayer;
import dev.invokerguard.policy.PolicyText;
import dev.invokerguard.token.GoogleIdTokenVerifier;
import dev.invokerguard.token.TokenFamily;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.List;

/** Beans an application defines instead of the module's, each switched on by a test property. */
@Factory
class ReplacementBeans {
  static final String SETTINGS_IN_CODE = "test.replace.settings";
  static final String OWN_GUARD = "test.replace.guard";
  static final String GROUPS = "test.replace.groups";
  static final String CLOCK = "test.replace.clock";
  static final String VERIFIER = "test.replace.verifier";
  /** The instant of the application's clock bean. */
  static final java.time.Instant FIXED = java.time.Instant.parse("2031-01-01T00:00:00Z");

  /** The application's group directory: dana is in ops, which the test policy grants on /private/. */
  @Singleton
  @Requires(property = GROUPS, value = "true")
  dev.invokerguard.identity.GroupResolver groups() {
    return dev.invokerguard.identity.StaticGroupResolver.of(java.util.Map.of("ops@example.com",
        List.of("user:dana@example.com")));
  }

  /** The application's clock, read for every decision. */
  @Singleton
  @Requires(property = CLOCK, value = "true")
  java.time.Clock clock() {
    return java.time.Clock.fixed(FIXED, java.time.ZoneOffset.UTC);
  }

  /** Tokens over 300 characters are refused: every real token is. */
  @Singleton
  @Requires(property = VERIFIER, value = "true")
  dev.invokerguard.runtime.VerifierCustomizer shortTokensOnly() {
    return builder -> builder.maxTokenLength(300);
  }

  /** Settings built in code: the {@code invokerguard.*} properties are then not read. */
  @Singleton
  @Requires(property = SETTINGS_IN_CODE, value = "true")
  GuardSettings settingsInCode() {
    return GuardSettings.builder().policy("classpath:test-policy.yaml").audiences(Issuer.AUDIENCE)
        .jwksUri(Issuer.ISSUER.jwksUri()).build();
  }

  /** A guard built in code that lets only {@code user:zed@example.com} in. */
  @Singleton
  @Bean(preDestroy = "close")
  @Requires(property = OWN_GUARD, value = "true")
  GoogleIdTokenVerifier ownVerifier() {
    return GoogleIdTokenVerifier.builder()
        .family(TokenFamily.google(List.of(Issuer.AUDIENCE)).withKeySetUri(Issuer.ISSUER.jwksUri())).build();
  }

  @Singleton
  @Requires(property = OWN_GUARD, value = "true")
  InvokerGuard ownGuard(GoogleIdTokenVerifier verifier) {
    return InvokerGuard.builder().verifier(verifier).allowPolicy(PolicyText.yaml("zed-only.yaml", """
        bindings:
        - role: roles/run.invoker
          members: [user:zed@example.com]
        """), PolicyLayer.SERVICE).build();
  }
}
