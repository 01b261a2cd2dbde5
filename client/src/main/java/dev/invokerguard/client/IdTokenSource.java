package dev.invokerguard.client;

import java.util.concurrent.CompletableFuture;

/**
 * Google ID tokens for one audience (<a
 * href="https://cloud.google.com/run/docs/authenticating/service-to-service">Cloud Run
 * service-to-service authentication</a>). Implementations cache the token and renew it ahead of its
 * expiry; a call returns at once while a valid token is held.
 */
public interface IdTokenSource {
  /**
   * A valid ID token (a compact JWS) for this source's audience; waits for a mint when none is held.
   *
   * @throws OutboundTokenException when none can be minted ({@link OutboundErrorCode#MINT_FAILED})
   */
  String token();

  /**
   * The token without waiting on the calling thread: the future is complete on return while a valid
   * token is held, and a mint completes it from another thread (for event loops and {@code
   * sendAsync}). It fails with {@link OutboundTokenException} when no token can be minted. The
   * default runs {@link #token()} on a shared pool of daemon threads.
   */
  default CompletableFuture<String> tokenAsync() {
    CompletableFuture<String> result = new CompletableFuture<>();
    MintThreads.POOL.execute(
        () -> {
          try {
            result.complete(token());
          } catch (RuntimeException e) {
            result.completeExceptionally(e);
          }
        });
    return result;
  }
}
