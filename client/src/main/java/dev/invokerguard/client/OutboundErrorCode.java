package dev.invokerguard.client;

/** Why an outbound ID token could not be had, or a target could not be configured. */
public enum OutboundErrorCode {
  /** No Application Default Credentials were found. */
  NO_CREDENTIALS,
  /**
   * The credentials are a user's ({@code gcloud auth application-default login}): Google mints a
   * user's ID token for gcloud's own client, never for a chosen audience.
   */
  USER_CREDENTIALS,
  /** The credentials cannot mint ID tokens at all (e.g. a bare access token). */
  NOT_AN_ID_TOKEN_PROVIDER,
  /** A target URL or audience is malformed. */
  INVALID_TARGET,
  /** Minting failed (metadata server or token endpoint unreachable or answering an error). */
  MINT_FAILED,
  /**
   * The header the token must go in already carries a value of the application's own, which is
   * never overwritten.
   */
  HEADER_TAKEN,
  /** The thread was interrupted while waiting for a token. */
  INTERRUPTED
}
