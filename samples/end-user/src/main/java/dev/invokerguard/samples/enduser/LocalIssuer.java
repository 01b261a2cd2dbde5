package dev.invokerguard.samples.enduser;

import dev.invokerguard.testing.TestIssuer;
import dev.invokerguard.testing.TokenBuilder;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Local mode's identity provider: an in-process {@link TestIssuer} minting RS256 tokens shaped like the ID
 * tokens Firebase Auth / Identity Platform issues after an email and password sign-in (see
 * <a href="https://firebase.google.com/docs/auth/admin/verify-id-tokens">Verify ID tokens</a>): {@code iss}
 * {@code https://securetoken.google.com/PROJECT}, {@code aud} PROJECT, {@code sub} and {@code user_id} the
 * uid, {@code auth_time}, {@code iat}, {@code exp} one hour later, {@code email}, {@code email_verified},
 * {@code firebase.identities}, {@code firebase.sign_in_provider} {@code password}, and
 * {@code firebase.tenant} when signing in to an Identity Platform tenant; or those of an anonymous sign-in
 * (a uid, no email, {@code sign_in_provider} {@code anonymous}). Its keys are published, as
 * Google publishes Firebase's, as a map of key id to PEM certificate on loopback, and the API verifies the
 * tokens exactly as it would real ones. It signs any identity: a sample feature, never for production.
 */
final class LocalIssuer implements AutoCloseable {
  /** The local Firebase project: the tokens' audience and the end of their issuer. */
  static final String PROJECT = "invokerguard-local";
  /** The admin's uid, the one {@code firebase:} member the local policy grants on {@code /api/admin/}. */
  static final String ADMIN_UID = "xq7RJ2vK9mTbW4sLhN0dPc3aFg81";
  static final String ADMIN_EMAIL = "ada@example.com";
  /** Fixed uids of the accounts the page offers; any other email gets a uid derived from it. */
  private static final Map<String, String> UIDS = Map.of(
      ADMIN_EMAIL, ADMIN_UID,
      "alice@example.com", "aL1ceQ9pZ3rT6vY8wB2nM5kJ7hG4",
      "mallory@example.com", "mA11oRy5eX8cV2bN7mQ4wE1rT6yU");
  private static final int MAX_EMAIL_LENGTH = 254;

  /** One sign-in's answer, named as the Identity Toolkit REST API names them; no email for an anonymous one. */
  record SignIn(String idToken, String localId, @Nullable String email, Instant expiresAt) {}

  private final TestIssuer issuer;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  private LocalIssuer(TestIssuer issuer, Clock clock) {
    this.issuer = issuer;
    this.clock = clock;
  }

  /** Starts the issuer; its Firebase key exists before the API's first key fetch. */
  static LocalIssuer start(Clock clock) {
    LocalIssuer local = new LocalIssuer(TestIssuer.start(clock), clock);
    local.signIn("warm-up@example.com", false, null);
    return local;
  }

  /** Where the Firebase-shaped keys are published (a map of key id to PEM certificate). */
  URI firebaseCertsUri() {
    return issuer.firebaseCertsUri();
  }

  /** Where the Google-shaped keys are published: local mode trusts no key outside this process. */
  URI googleJwksUri() {
    return issuer.jwksUri();
  }

  /**
   * Signs {@code email} in: a token valid for one hour, or, when {@code expired}, one that expired an
   * hour ago.
   *
   * @param tenant an Identity Platform tenant id for {@code firebase.tenant}, or {@code null}
   * @throws IllegalArgumentException when the email is not one
   */
  SignIn signIn(String email, boolean expired, @Nullable String tenant) {
    String address = checkedEmail(email);
    String uid = uid(address);
    TokenBuilder token = issuer.firebase(PROJECT, uid).claim("email", address).claim("email_verified", true)
        .claim("firebase", Map.of("identities", Map.of("email", List.of(address)))).signInProvider("password");
    if (tenant != null) {
      token.firebaseTenant(tenant);
    }
    Instant now = clock.instant();
    Instant expiresAt = expired ? now.minus(Duration.ofHours(1)) : now.plus(Duration.ofHours(1));
    if (expired) {
      token.issuedAt(now.minus(Duration.ofHours(2))).expiresAt(expiresAt);
    } else {
      token.issuedAt(now).expiresAt(expiresAt);
    }
    return new SignIn(token.sign(), uid, address, expiresAt);
  }

  /**
   * An anonymous sign-in (Firebase's {@code signInAnonymously}): a new uid, no email,
   * {@code firebase.sign_in_provider} {@code anonymous} and no identities; valid for one hour.
   */
  SignIn signInAnonymously() {
    byte[] bytes = new byte[21];
    random.nextBytes(bytes);
    String uid = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).replace('-', 'x').replace('_', 'y');
    Instant now = clock.instant();
    Instant expiresAt = now.plus(Duration.ofHours(1));
    String token = issuer.firebase(PROJECT, uid).claim("provider_id", "anonymous").signInProvider("anonymous")
        .issuedAt(now).expiresAt(expiresAt).sign();
    return new SignIn(token, uid, null, expiresAt);
  }

  private static String checkedEmail(String email) {
    String address = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    int at = address.indexOf('@');
    if (at < 1 || at != address.lastIndexOf('@') || at == address.length() - 1
        || address.length() > MAX_EMAIL_LENGTH || address.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
      throw new IllegalArgumentException("not an email address");
    }
    return address;
  }

  /** A fixed uid for the page's accounts, else 28 characters derived from the email, as long as Firebase's. */
  static String uid(String email) {
    String fixed = UIDS.get(email);
    if (fixed != null) {
      return fixed;
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(email.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).replace('-', 'x').replace('_', 'y')
          .substring(0, 28);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing", e);
    }
  }

  @Override
  public void close() {
    issuer.close();
  }
}
