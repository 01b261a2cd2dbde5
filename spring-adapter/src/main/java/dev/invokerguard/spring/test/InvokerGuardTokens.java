package dev.invokerguard.spring.test;

import dev.invokerguard.testing.TestIssuer;
import dev.invokerguard.testing.TokenBuilder;
import java.util.Objects;
import org.springframework.core.env.Environment;

/**
 * Mints tokens for a test of a guarded application: signed by the test's {@link TestIssuer}, whose keys the
 * guard fetches and verifies as it does Google's, with the application's own audience (the first of
 * {@code invokerguard.audiences}). Unlike a mocked authentication, a token the policy does not grant is
 * refused, and a token from another issuer fails verification.
 */
public final class InvokerGuardTokens {
  private final TestIssuer issuer;
  private final Environment environment;

  InvokerGuardTokens(TestIssuer issuer, Environment environment) {
    this.issuer = Objects.requireNonNull(issuer, "issuer");
    this.environment = Objects.requireNonNull(environment, "environment");
  }

  /** A signed Google ID token of a user ({@code user:EMAIL}), valid for one hour. */
  public String user(String email) {
    return issuer.user(email).audience(audience()).sign();
  }

  /** A signed Google ID token of a service account ({@code serviceAccount:EMAIL}), valid for one hour. */
  public String serviceAccount(String email) {
    return issuer.serviceAccount(email).audience(audience()).sign();
  }

  /** A user token to change before signing (expiry, hosted domain, claims); the audience is already set. */
  public TokenBuilder userToken(String email) {
    return issuer.user(email).audience(audience());
  }

  /** The issuer itself (key rotation, outages, other token families). */
  public TestIssuer issuer() {
    return issuer;
  }

  /** The audience tokens are minted for: the first of {@code invokerguard.audiences}. */
  public String audience() {
    String[] audiences = environment.getProperty("invokerguard.audiences", String[].class);
    if (audiences == null || audiences.length == 0) {
      throw new IllegalStateException("set invokerguard.audiences for the test: tokens are minted for the"
          + " first of them");
    }
    return audiences[0].strip();
  }
}
