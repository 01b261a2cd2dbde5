package dev.invokerguard.token;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The claim rules of OpenID Connect Core 1.0 section 3.1.3.7 and RFC 7519 section 4.1, for a token
 * whose signature already verified: expiry, not-before and issued-at within a bounded skew, audience
 * (every {@code aud} value must be trusted: OpenID Connect Core 3.1.3.7 item 3 rejects a token that lists
 * an audience the client does not trust), a verified email where the family requires one, and for Firebase
 * tokens an accepted Identity Platform tenant ({@link FirebaseTenants}).
 */
final class ClaimChecks {
  private ClaimChecks() {}

  /** The verified token, or a rejection, against the family's own audiences. */
  static TokenVerification check(TokenFamily family, String issuer, Map<String, Object> claims,
      Instant now, Duration skew) {
    return check(family, family.audiences(), issuer, claims, now, skew);
  }

  /** The verified token, or a rejection, against {@code accepted} audiences. */
  static TokenVerification check(TokenFamily family, java.util.Set<String> accepted, String issuer,
      Map<String, Object> claims, Instant now, Duration skew) {
    Instant exp = epochSeconds(claims.get("exp"));
    if (exp == null) {
      return reject(TokenError.MISSING_EXPIRY, "the token has no numeric exp claim");
    }
    if (!now.isBefore(exp.plus(skew))) {
      return reject(TokenError.EXPIRED, "the token has expired");
    }
    Object nbfClaim = claims.get("nbf");
    Instant nbf = epochSeconds(nbfClaim);
    if (nbfClaim != null && (nbf == null || nbf.isAfter(now.plus(skew)))) {
      return reject(TokenError.NOT_YET_VALID, "the token is not valid yet (nbf)");
    }
    Object iatClaim = claims.get("iat");
    Instant iat = epochSeconds(iatClaim);
    if (iatClaim != null && (iat == null || iat.isAfter(now.plus(skew)))) {
      return reject(TokenError.ISSUED_IN_FUTURE, "the token was issued in the future (iat)");
    }
    List<String> audience = audience(claims.get("aud"));
    if (audience.isEmpty() || !accepted.containsAll(audience)) {
      return reject(TokenError.INVALID_AUDIENCE, "the token was minted for another audience, or also for one"
          + " this service does not trust");
    }
    String email = claims.get("email") instanceof String s ? s : null;
    boolean emailVerified = isTrue(claims.get("email_verified"));
    if (email != null && !emailVerified && family.requireVerifiedEmail()) {
      return reject(TokenError.EMAIL_NOT_VERIFIED, "the token's email is not verified");
    }
    if (family.kind() == TokenFamily.Kind.FIREBASE && !tenantAccepted(family.tenants(), claims.get("firebase"))) {
      return reject(TokenError.TENANT_NOT_ALLOWED, "the token's Identity Platform tenant is not accepted");
    }
    return TokenVerification.verified(new VerifiedToken(family.kind(), issuer,
        claims.get("sub") instanceof String sub ? sub : null, email, emailVerified,
        claims.get("hd") instanceof String hd ? hd : null, audience, exp, iat, ReadOnlyClaims.kept(claims)));
  }

  /** A present {@code firebase.tenant} that is not a string is refused like an unlisted tenant. */
  private static boolean tenantAccepted(FirebaseTenants accepted, Object firebase) {
    Object tenant = firebase instanceof Map<?, ?> map ? map.get("tenant") : null;
    if (tenant != null && !(tenant instanceof String)) {
      return false;
    }
    return accepted.accepts(java.util.Optional.ofNullable((String) tenant));
  }

  private static TokenVerification reject(TokenError error, String detail) {
    return TokenVerification.rejected(error, detail);
  }

  /** Google has written {@code email_verified} both as a boolean and as the string "true". */
  private static boolean isTrue(Object value) {
    return Boolean.TRUE.equals(value) || "true".equals(value);
  }

  private static Instant epochSeconds(Object value) {
    if (!(value instanceof Number n)) {
      return null;
    }
    double seconds = n.doubleValue();
    if (!Double.isFinite(seconds) || Math.abs(seconds) > 1e13) {
      return null;
    }
    return Instant.ofEpochSecond(n.longValue());
  }

  private static List<String> audience(Object aud) {
    if (aud instanceof String s) {
      return List.of(s);
    }
    if (aud instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
      return list.stream().map(String.class::cast).toList();
    }
    return List.of();
  }
}
