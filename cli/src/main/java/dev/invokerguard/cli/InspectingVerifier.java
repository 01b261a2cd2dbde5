package dev.invokerguard.cli;

import dev.invokerguard.token.IdTokenVerifier;
import dev.invokerguard.token.TokenError;
import dev.invokerguard.token.TokenVerification;
import dev.invokerguard.token.VerifiedToken;

/**
 * The verifier {@code explain} hands the guard: it remembers the verifier's answer (so that a rejection can
 * be explained in the terms of the inputs), answers an empty {@code --token} as the rejected token it is,
 * and, with {@code --hd}, gives a verified token without an {@code hd} claim that hosted domain.
 */
final class InspectingVerifier implements IdTokenVerifier {
  /** Sent as the bearer token when {@code --token} is empty; never reaches the real verifier. */
  static final String EMPTY_TOKEN_STAND_IN = "empty-token";

  private final IdTokenVerifier delegate;
  private final boolean emptyToken;
  private final String simulatedHostedDomain;
  private TokenVerification last;

  InspectingVerifier(IdTokenVerifier delegate, boolean emptyToken, String simulatedHostedDomain) {
    this.delegate = delegate;
    this.emptyToken = emptyToken;
    this.simulatedHostedDomain = simulatedHostedDomain;
  }

  @Override
  public TokenVerification verify(String token) {
    TokenVerification result = emptyToken
        ? TokenVerification.rejected(TokenError.MALFORMED, "--token is empty")
        : withHostedDomain(delegate.verify(token));
    last = result;
    return result;
  }

  private TokenVerification withHostedDomain(TokenVerification result) {
    if (simulatedHostedDomain == null || !result.isVerified() || result.token().hostedDomain() != null) {
      return result;
    }
    VerifiedToken t = result.token();
    return TokenVerification.verified(new VerifiedToken(t.family(), t.issuer(), t.subject(), t.email(),
        t.emailVerified(), simulatedHostedDomain, t.audience(), t.expiresAt(), t.issuedAt(), t.claims()));
  }

  /** The verifier's last answer, or {@code null} when no token was verified. */
  TokenVerification last() {
    return last;
  }
}
