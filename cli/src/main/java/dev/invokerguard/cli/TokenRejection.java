package dev.invokerguard.cli;

import dev.invokerguard.token.TokenError;
import dev.invokerguard.token.TokenFamily;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Why {@code explain} rejected a token, in the terms of its inputs: the token's {@code aud} next to the
 * expected audiences ({@code --audience}), its {@code iss} next to the trusted issuers, {@code exp},
 * {@code nbf} and {@code iat} next to {@code --time}, and for unusable keys the key set's URL and the
 * failure. It may say which check failed: it describes the user's own token to the user.
 *
 * @param error the verifier's code
 * @param why one sentence
 * @param audience the token's {@code aud}, or {@code null} when unreadable
 * @param expectedAudiences the audiences the token was checked against
 * @param issuer the token's {@code iss}, or {@code null}
 * @param trustedIssuers the issuers trusted
 * @param expiresAt the token's {@code exp}, or {@code null}
 * @param time the time the token was checked at
 * @param keys where the keys came from: a URL or {@code --jwks-file FILE}
 */
record TokenRejection(TokenError error, String why, List<String> audience, List<String> expectedAudiences,
    String issuer, List<String> trustedIssuers, Instant expiresAt, Instant time, String keys) {

  private static final Set<TokenError> KEY_ERRORS = EnumSet.of(TokenError.MISSING_KEY_ID,
      TokenError.UNKNOWN_KEY_ID, TokenError.INVALID_SIGNATURE, TokenError.MALFORMED_SIGNATURE,
      TokenError.KEYS_UNAVAILABLE, TokenError.ALGORITHM_NOT_ALLOWED);

  /** The inputs a rejection is explained with. */
  record Inputs(TokenFamily family, String keys, Instant time, boolean timeGiven, Duration skew,
      String keyFailure) {}

  static TokenRejection of(TokenError error, String detail, TokenClaims claims, Inputs in) {
    String at = in.timeGiven() ? "--time " + in.time() : "now (" + in.time() + ", no --time given)";
    String skew = " (allowed clock skew " + in.skew().toSeconds() + " s)";
    String why = switch (error) {
      case MALFORMED -> "it is not a signed JWT (three base64url parts of JSON): " + detail;
      case UNKNOWN_ISSUER -> "its iss " + quoted(claims == null ? null : claims.string("iss"))
          + " is not a trusted issuer " + sorted(in.family().issuers()) + "; --issuer trusts another";
      case INVALID_AUDIENCE -> invalidAudience(claims == null ? List.of() : claims.audience(),
          sorted(in.family().audiences()));
      case EXPIRED -> "it expired at " + instant(claims, "exp") + ", before " + at + skew;
      case NOT_YET_VALID -> "its nbf " + instant(claims, "nbf") + " is after " + at + skew;
      case ISSUED_IN_FUTURE -> "its iat " + instant(claims, "iat") + " is after " + at + skew;
      case MISSING_EXPIRY -> "it has no numeric exp claim";
      case ALGORITHM_NOT_ALLOWED -> "its alg " + quoted(claims == null ? null : claims.headerString("alg"))
          + " is not allowed for its issuer, which signs with " + sorted(in.family().algorithms());
      case MISSING_KEY_ID -> "its header names no signing key (kid)";
      case UNKNOWN_KEY_ID -> "its key " + quoted(claims == null ? null : claims.headerString("kid"))
          + " is not in the key set of " + in.keys();
      case INVALID_SIGNATURE, MALFORMED_SIGNATURE -> "its signature does not verify with key "
          + quoted(claims == null ? null : claims.headerString("kid")) + " of " + in.keys();
      case KEYS_UNAVAILABLE -> "the keys at " + in.keys() + " cannot be fetched"
          + (in.keyFailure() == null ? "" : ": " + in.keyFailure());
      case EMAIL_NOT_VERIFIED -> "its email " + quoted(claims == null ? null : claims.string("email"))
          + " has email_verified " + (claims == null ? null : claims.string("email_verified"));
      case TENANT_NOT_ALLOWED -> "its firebase.tenant " + quoted(claims == null ? null
          : claims.nestedString("firebase", "tenant")) + " is not accepted (accepted tenants: " + sorted(in.family().tenants().tenants())
          + (in.family().tenants().projectUsers() ? ", and tokens without a tenant)" : ")");
      case TOO_LARGE, SIGNATURE_REMOVED_BY_GOOGLE, AUDIENCES_UNAVAILABLE -> detail;
    };
    return new TokenRejection(error, why, claims == null ? null : claims.audience(),
        sorted(in.family().audiences()), claims == null ? null : claims.string("iss"),
        sorted(in.family().issuers()), claims == null ? null : claims.time("exp"), in.time(), in.keys());
  }

  /** An empty {@code --token}: most often the command that was to print it failed. */
  static TokenRejection emptyToken(Inputs in) {
    return new TokenRejection(TokenError.MALFORMED, "--token is empty: did the command that printed the token"
        + " fail?", null, sorted(in.family().audiences()), null, sorted(in.family().issuers()), null, in.time(),
        in.keys());
  }

  /** The facts, one per line, to print under the rejection. */
  List<String> facts() {
    List<String> lines = new ArrayList<>();
    if (audience != null) {
      lines.add("aud: " + audience + "   expected (--audience): " + expectedAudiences);
    }
    if (issuer != null) {
      lines.add("iss: " + issuer + "   trusted: " + trustedIssuers);
    }
    if (expiresAt != null) {
      lines.add("exp: " + expiresAt + "   checked at: " + time);
    }
    if (KEY_ERRORS.contains(error)) {
      lines.add("keys: " + keys);
    }
    return lines;
  }

  /** Every {@code aud} value must be an expected audience. */
  private static String invalidAudience(List<String> audience, List<String> expected) {
    List<String> others = audience.stream().filter(a -> !expected.contains(a)).toList();
    if (audience.isEmpty()) {
      return "it has no aud; the expected audiences are " + expected + " (--audience)";
    }
    return "its aud " + audience + " holds " + others + ", not among the expected audiences " + expected
        + " (--audience); every aud value must be one of them";
  }

  private static String instant(TokenClaims claims, String name) {
    Instant value = claims == null ? null : claims.time(name);
    return value == null ? "(unreadable " + name + ")" : value.toString();
  }

  private static String quoted(String value) {
    return value == null ? "(none)" : "\"" + value + "\"";
  }

  private static List<String> sorted(Collection<String> values) {
    return values.stream().sorted().toList();
  }
}
