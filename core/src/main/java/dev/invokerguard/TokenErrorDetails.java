package dev.invokerguard;

import dev.invokerguard.token.TokenError;

/**
 * What a caller is told about a rejected token. Never echoes the token, and never says which check of
 * the signature failed: every signature and key problem reads the same.
 */
final class TokenErrorDetails {
  private TokenErrorDetails() {}

  static String describe(TokenError error) {
    return switch (error) {
      case MALFORMED -> "The bearer token is not a signed JWT.";
      case TOO_LARGE -> "The bearer token is too large.";
      case SIGNATURE_REMOVED_BY_GOOGLE -> "Cloud Run verified this token and removed its signature. Send the"
          + " Google-signed token in the X-Serverless-Authorization header so that the application can"
          + " verify it too.";
      case ALGORITHM_NOT_ALLOWED, MISSING_KEY_ID, UNKNOWN_KEY_ID, INVALID_SIGNATURE, MALFORMED_SIGNATURE ->
          "The token could not be verified.";
      case UNKNOWN_ISSUER -> "The token's issuer is not accepted by this service.";
      case INVALID_AUDIENCE -> "The token was not minted for this service: mint it with the service URL"
          + " (or a configured custom audience) as its audience.";
      case MISSING_EXPIRY -> "The token has no expiry.";
      case EXPIRED -> "The token has expired.";
      case NOT_YET_VALID, ISSUED_IN_FUTURE -> "The token is not valid yet.";
      case EMAIL_NOT_VERIFIED -> "The token's email address is not verified.";
      case KEYS_UNAVAILABLE -> "The keys that verify the token cannot be fetched right now. Retry later.";
    };
  }

  /** How to mint a token that carries the caller's email. */
  static final String NO_EMAIL_HINT = " The token carries no email claim, so the caller matches only"
      + " allAuthenticatedUsers. Mint a token that includes the email: `gcloud auth print-identity-token"
      + " --include-email`, or from the metadata server add `format=full` to the identity request"
      + " (.../instance/service-accounts/default/identity?audience=AUDIENCE&format=full).";
}
