package dev.invokerguard.identity;

import dev.invokerguard.token.TokenFamily;
import dev.invokerguard.token.VerifiedToken;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Verified tokens for identity tests. */
final class Tokens {
  private Tokens() {}

  static VerifiedToken token(TokenFamily.Kind family, String subject, String email, boolean emailVerified,
      String hostedDomain) {
    return new VerifiedToken(family, "https://accounts.google.com", subject, email, emailVerified, hostedDomain,
        List.of("https://svc.example.com"), Instant.parse("2030-01-01T00:00:00Z"), null, Map.of());
  }

  static VerifiedToken google(String email) {
    return token(TokenFamily.Kind.GOOGLE, "1234", email, email != null, null);
  }
}
