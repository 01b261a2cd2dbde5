package dev.invokerguard.token;

import org.jspecify.annotations.Nullable;

/**
 * Why a token was not accepted. Each code is specific; the RFC 6750 error attribute that a
 * {@code WWW-Authenticate} challenge carries for it is {@link #rfc6750Code()}.
 *
 * <p>Details shown to callers never say more about a failed signature check than the RFC 6750
 * code; the enum constant is for logs, metrics and tests.
 */
public enum TokenError {
  /** Not a compact JWS (three base64url segments with JSON header and payload). */
  MALFORMED,
  /** The token is longer than the configured limit. */
  TOO_LARGE,
  /**
   * The signature segment is {@code SIGNATURE_REMOVED_BY_GOOGLE}: Cloud Run verified the token in
   * {@code Authorization} and stripped its signature. Send it in {@code X-Serverless-Authorization}.
   */
  SIGNATURE_REMOVED_BY_GOOGLE,
  /** The {@code alg} header is not on the issuer's allow-list ({@code none}, {@code HS256}, ...). */
  ALGORITHM_NOT_ALLOWED,
  /** The header carries no {@code kid}. */
  MISSING_KEY_ID,
  /** The issuer's key set holds no key with this {@code kid}, even after a refetch. */
  UNKNOWN_KEY_ID,
  /** The signature does not verify with the issuer's key. */
  INVALID_SIGNATURE,
  /** An ECDSA signature of the wrong length, or with r or s zero or not below the curve order. */
  MALFORMED_SIGNATURE,
  /** The {@code iss} claim names no configured token family. */
  UNKNOWN_ISSUER,
  /** No {@code aud} value is among the configured audiences. */
  INVALID_AUDIENCE,
  /** The token has no {@code exp} claim. */
  MISSING_EXPIRY,
  /** {@code exp} is in the past, beyond the allowed clock skew. */
  EXPIRED,
  /** {@code nbf} is in the future, beyond the allowed clock skew. */
  NOT_YET_VALID,
  /** {@code iat} is in the future, beyond the allowed clock skew. */
  ISSUED_IN_FUTURE,
  /** {@code email} is present and {@code email_verified} is not true, for a family that requires it. */
  EMAIL_NOT_VERIFIED,
  /**
   * A Firebase token of an Identity Platform tenant ({@code firebase.tenant}) the service does not accept,
   * or a project-level token (no tenant) where only tenants are accepted (see {@link FirebaseTenants}).
   */
  TENANT_NOT_ALLOWED,
  /**
   * The issuer's keys cannot be had at all (no cached keys and the fetch failed, or the cached keys
   * are older than the maximum staleness). Not a verdict on the token: the caller should retry.
   */
  KEYS_UNAVAILABLE,
  /**
   * The service's audiences are read at run time ({@link AudienceSource}) and are not known yet. Not a
   * verdict on the token: the caller should retry.
   */
  AUDIENCES_UNAVAILABLE;

  /**
   * The RFC 6750 section 3.1 error code: {@code invalid_token}, or none for {@link #KEYS_UNAVAILABLE} and
   * {@link #AUDIENCES_UNAVAILABLE} (answered 503 with {@code Retry-After}).
   */
  public @Nullable String rfc6750Code() {
    return this == KEYS_UNAVAILABLE || this == AUDIENCES_UNAVAILABLE ? null : "invalid_token";
  }
}
