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
  static final String POLICY_SOURCE = "test.replace.policy-source";
  static final String API_CREDENTIALS = "test.replace.api-credentials";
  /** The access token of the application's {@link dev.invokerguard.policy.source.ApiCredentials} bean. */
  static final String API_TOKEN = "ya29.application-bean";
  /** The policy the application's source serves first: alice only. */
  static final String ALICE_ONLY =
      "{\"etag\": \"YWxpY2U=\", \"bindings\": [{\"role\": \"roles/run.invoker\","
      + " \"members\": [\"user:alice@example.com\"]}]}";
  /** The instant of the application's clock bean. */
  static final java.time.Instant FIXED = java.time.Instant.parse("2031-01-01T00:00:00Z");

  /** The application's group directory: dana is in ops, which the test policy grants on /private/. */
  @Singleton
  @Requires(property = GROUPS, value = "true")
  dev.invokerguard.identity.GroupResolver groups() {
    return dev.invokerguard.identity.StaticGroupResolver.of(java.util.Map.of("ops@example.com",
        List.of("user:dana@example.com")));
  }

  /** The application's own policy, held in memory and replaced by the test. */
  @Singleton
  @Requires(property = POLICY_SOURCE, value = "true")
  dev.invokerguard.tck.InMemoryPolicySource policySource() {
    return dev.invokerguard.tck.InMemoryPolicySource.of(ALICE_ONLY);
  }

  /** The application's credentials for Google APIs: a fixed access token. */
  @Singleton
  @Requires(property = API_CREDENTIALS, value = "true")
  dev.invokerguard.policy.source.ApiCredentials apiCredentials() {
    return uri -> java.util.Map.of("Authorization", List.of("Bearer " + API_TOKEN));
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
