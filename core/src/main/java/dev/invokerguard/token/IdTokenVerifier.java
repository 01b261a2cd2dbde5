package dev.invokerguard.token;

import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * Verifies a compact Google-signed ID token (RFC 7519 JWT in RFC 7515 JWS compact form) against the
 * keys of the token family its {@code iss} claim names.
 *
 * <p>Never throws for a bad token: every rejection is a {@link TokenVerification} with a
 * {@link TokenError}. See <a href="https://cloud.google.com/run/docs/authenticating/service-to-service">
 * Cloud Run service-to-service authentication</a> and
 * <a href="https://developers.google.com/identity/openid-connect/openid-connect#validatinganidtoken">
 * Validating an ID token</a>.
 */
@FunctionalInterface
public interface IdTokenVerifier {

  /**
   * Verifies a token.
   *
   * @param token the compact JWS exactly as it arrived, without the {@code Bearer } prefix
   * @return the verified token, or the reason it was rejected
   */
  TokenVerification verify(String token);

  /**
   * For callers that must not wait (reactive servers): {@code null} when {@link #verify} would answer this
   * token from memory now; otherwise a stage that completes when the key fetch {@code verify} would wait for
   * has landed (first use, an unknown {@code kid}). Starts that fetch off the calling thread and never
   * waits. The default, for verifiers that never wait, is {@code null}.
   */
  default @Nullable CompletionStage<Void> pendingFetch(String token) {
    return null;
  }

  /**
   * Reads a token whose signature Cloud Run removed ({@code SIGNATURE_REMOVED_BY_GOOGLE}: Cloud Run's own
   * invoker check verified it before the request reached the application) as the identity Cloud Run
   * verified: its issuer, audience and expiry are still checked, its signature cannot be. Only
   * {@link dev.invokerguard.EnforcementMode#SHADOW shadow} mode on Cloud Run calls it, to compare decisions;
   * enforce mode never does. The default reads no such token.
   */
  default TokenVerification verifyCloudRunVerified(String token) {
    return TokenVerification.rejected(TokenError.SIGNATURE_REMOVED_BY_GOOGLE,
        "this verifier does not read tokens whose signature Cloud Run removed");
  }
}
