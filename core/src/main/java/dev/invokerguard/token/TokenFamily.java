package dev.invokerguard.token;

import java.net.URI;
import java.util.Collection;
import java.util.Objects;
import java.util.Set;

/**
 * One kind of Google-signed token, pinned to its own issuers, key source and algorithms. A token
 * is routed to a family by its {@code iss} claim and is never checked with another family's keys.
 * A key URL is never taken from the token ({@code jku}, {@code jwk}, {@code x5u}, {@code x5c}).
 *
 * @param kind which family this is
 * @param issuers the accepted {@code iss} values
 * @param keySetUri where the family's public keys are published
 * @param keySetFormat how that document is written
 * @param algorithms the accepted JWS {@code alg} values
 * @param audiences the accepted {@code aud} values; empty only for a family whose audiences come from an
 *     {@link AudienceSource} given to the verifier ({@link #googleServiceAudiences})
 * @param requireVerifiedEmail reject a token whose {@code email} is present with {@code email_verified}
 *     not true ({@link TokenError#EMAIL_NOT_VERIFIED}); when false such a token verifies but its email
 *     is not used for identity
 * @param tenants for the {@link Kind#FIREBASE} family, which Identity Platform tenants are accepted
 *     ({@link FirebaseTenants#PROJECT_ONLY} by default); other families carry {@code PROJECT_ONLY} and ignore it
 */
public record TokenFamily(
    Kind kind,
    Set<String> issuers,
    URI keySetUri,
    KeySetFormat keySetFormat,
    Set<String> algorithms,
    Set<String> audiences,
    boolean requireVerifiedEmail,
    FirebaseTenants tenants) {

  /** Google's JWK set for ID tokens. */
  public static final URI GOOGLE_JWKS_URI = URI.create("https://www.googleapis.com/oauth2/v3/certs");
  /** Firebase Auth / Identity Platform signing certificates (kid to PEM certificate). */
  public static final URI FIREBASE_CERTS_URI = URI.create(
      "https://www.googleapis.com/robot/v1/metadata/x509/securetoken@system.gserviceaccount.com");
  /** IAP's JWK set for signed headers. */
  public static final URI IAP_JWKS_URI = URI.create("https://www.gstatic.com/iap/verify/public_key-jwk");

  /** The families of DESIGN's token table. */
  public enum Kind {
    /** Google ID tokens: service accounts, users, {@code gcloud auth print-identity-token}. */
    GOOGLE,
    /** Firebase Auth / Identity Platform ID tokens. */
    FIREBASE,
    /** IAP's signed header {@code x-goog-iap-jwt-assertion}. */
    IAP
  }

  /** How a key-set document is written. */
  public enum KeySetFormat {
    /** RFC 7517 JWK set ({@code {"keys": [...]}}). */
    JWK_SET,
    /** A JSON object mapping each {@code kid} to a PEM X.509 certificate. */
    X509_PEM_MAP
  }

  /** A family that accepts project-level Firebase tokens only ({@link FirebaseTenants#PROJECT_ONLY}). */
  public TokenFamily(Kind kind, Set<String> issuers, URI keySetUri, KeySetFormat keySetFormat,
      Set<String> algorithms, Set<String> audiences, boolean requireVerifiedEmail) {
    this(kind, issuers, keySetUri, keySetFormat, algorithms, audiences, requireVerifiedEmail,
        FirebaseTenants.PROJECT_ONLY);
  }

  public TokenFamily {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(tenants, "tenants");
    if (kind != Kind.FIREBASE && !tenants.equals(FirebaseTenants.PROJECT_ONLY)) {
      throw new IllegalArgumentException(kind + ": only the Firebase family accepts tenants");
    }
    Objects.requireNonNull(keySetFormat, "keySetFormat");
    issuers = Set.copyOf(issuers);
    algorithms = Set.copyOf(algorithms);
    audiences = Set.copyOf(audiences);
    if (issuers.isEmpty()) {
      throw new IllegalArgumentException(kind + ": at least one issuer is required");
    }
    if (algorithms.isEmpty()) {
      throw new IllegalArgumentException(kind + ": at least one algorithm is required");
    }
    for (String alg : algorithms) {
      if (!alg.equals("RS256") && !alg.equals("ES256")) {
        throw new IllegalArgumentException(kind + ": algorithm " + alg + " is not supported (RS256, ES256)");
      }
    }
    if (audiences.stream().anyMatch(a -> a == null || a.isBlank())) {
      throw new IllegalArgumentException(kind + ": audiences must not hold a blank value");
    }
    requireSecureKeySetUri(kind, keySetUri);
  }

  /**
   * Google ID tokens for the given audiences (the service URL and any custom audiences).
   * Issuers {@code https://accounts.google.com} and {@code accounts.google.com}, RS256.
   */
  public static TokenFamily google(Collection<String> audiences) {
    requireAudiences(audiences);
    return new TokenFamily(Kind.GOOGLE, Set.of("https://accounts.google.com", "accounts.google.com"),
        GOOGLE_JWKS_URI, KeySetFormat.JWK_SET, Set.of("RS256"), Set.copyOf(audiences), true);
  }

  /**
   * Google ID tokens for the audiences of a {@link AudienceSource} (the verifier's
   * {@code audienceSource}) plus {@code extra} ones, which may be none. A verifier refuses to build with
   * this family and no audience source.
   */
  public static TokenFamily googleServiceAudiences(Collection<String> extra) {
    return new TokenFamily(Kind.GOOGLE, Set.of("https://accounts.google.com", "accounts.google.com"),
        GOOGLE_JWKS_URI, KeySetFormat.JWK_SET, Set.of("RS256"), Set.copyOf(extra), true);
  }

  private static void requireAudiences(Collection<String> audiences) {
    if (audiences == null || audiences.isEmpty()) {
      throw new IllegalArgumentException("audiences must list at least one non-blank value"
          + " (invokerguard.audiences); an empty list would accept tokens minted for no service");
    }
  }

  /** Firebase Auth / Identity Platform ID tokens of one project: issuer and audience name the project. */
  public static TokenFamily firebase(String projectId) {
    if (projectId == null || projectId.isBlank()) {
      throw new IllegalArgumentException("FIREBASE: a project id is required");
    }
    return new TokenFamily(Kind.FIREBASE, Set.of("https://securetoken.google.com/" + projectId),
        FIREBASE_CERTS_URI, KeySetFormat.X509_PEM_MAP, Set.of("RS256"), Set.of(projectId), false);
  }

  /** IAP signed headers for one backend ({@code /projects/NUMBER/global/backendServices/ID} or similar). */
  public static TokenFamily iap(String audience) {
    requireAudiences(audience == null ? Set.of() : Set.of(audience));
    return new TokenFamily(Kind.IAP, Set.of("https://cloud.google.com/iap"), IAP_JWKS_URI,
        KeySetFormat.JWK_SET, Set.of("ES256"), Set.of(audience), false);
  }

  /** The same family with its keys read from another location (a mirror, or a local test issuer). */
  public TokenFamily withKeySetUri(URI uri) {
    return new TokenFamily(kind, issuers, uri, keySetFormat, algorithms, audiences, requireVerifiedEmail,
        tenants);
  }

  /** The same family accepting other issuers (a local test issuer names itself). */
  public TokenFamily withIssuers(Collection<String> newIssuers) {
    return new TokenFamily(kind, Set.copyOf(newIssuers), keySetUri, keySetFormat, algorithms, audiences,
        requireVerifiedEmail, tenants);
  }

  /**
   * The same Firebase family accepting these Identity Platform tenants ({@code firebase.tenant}).
   *
   * @throws IllegalArgumentException for a family other than {@link Kind#FIREBASE}
   */
  public TokenFamily withTenants(FirebaseTenants accepted) {
    return new TokenFamily(kind, issuers, keySetUri, keySetFormat, algorithms, audiences, requireVerifiedEmail,
        accepted);
  }

  private static void requireSecureKeySetUri(Kind kind, URI uri) {
    Objects.requireNonNull(uri, "keySetUri");
    if (!EndpointUris.isAllowed(uri)) {
      throw new IllegalArgumentException(kind + ": key set URI " + uri + " must be " + EndpointUris.RULE);
    }
  }
}
