package dev.invokerguard.token;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A token whose signature, issuer, audience and validity window were checked.
 *
 * @param family the token family whose keys verified it
 * @param issuer the {@code iss} claim
 * @param subject the {@code sub} claim (the account's numeric id, or the Firebase uid)
 * @param email the {@code email} claim, or {@code null}; only usable for identity when {@link #emailVerified}
 * @param emailVerified the {@code email_verified} claim ({@code false} when absent)
 * @param hostedDomain the {@code hd} claim (Google Workspace domain), or {@code null}
 * @param audience every {@code aud} value
 * @param expiresAt the {@code exp} claim
 * @param issuedAt the {@code iat} claim, or {@code null}
 * @param claims the claims identity needs, read-only (nested objects and arrays are read-only too): a
 *     verified token keeps {@code iss}, {@code sub}, {@code aud}, {@code azp}, {@code exp}, {@code nbf},
 *     {@code iat}, {@code auth_time}, {@code email}, {@code email_verified}, {@code hd} and the
 *     {@code sign_in_provider} and {@code tenant} of the {@code firebase} claim; other claims are dropped, so
 *     that cached tokens hold no more than identity needs
 */
public record VerifiedToken(
    TokenFamily.Kind family,
    String issuer,
    String subject,
    @Nullable String email,
    boolean emailVerified,
    @Nullable String hostedDomain,
    List<String> audience,
    Instant expiresAt,
    @Nullable Instant issuedAt,
    Map<String, Object> claims) {

  public VerifiedToken {
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(expiresAt, "expiresAt");
    audience = List.copyOf(audience);
    claims = ReadOnlyClaims.copyOf(claims);
  }

  /** The email, only when the token says it is verified. */
  public Optional<String> verifiedEmail() {
    return emailVerified ? Optional.ofNullable(email) : Optional.empty();
  }
}
