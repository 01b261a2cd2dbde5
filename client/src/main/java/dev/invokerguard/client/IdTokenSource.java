package dev.invokerguard.client;

/**
 * Google ID tokens for one audience (<a
 * href="https://cloud.google.com/run/docs/authenticating/service-to-service">Cloud Run
 * service-to-service authentication</a>). Implementations cache the token and renew it ahead of its
 * expiry; a call returns at once while a valid token is held.
 */
public interface IdTokenSource {
  /**
   * A valid ID token (a compact JWS) for this source's audience.
   *
   * @throws OutboundTokenException when none can be minted ({@link OutboundErrorCode#MINT_FAILED})
   */
  String token();
}
