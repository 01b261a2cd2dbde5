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
