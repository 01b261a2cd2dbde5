package dev.invokerguard.testing;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A local issuer of Google-shaped tokens for tests: it holds signing keys for the three token
 * families (Google ID tokens and Firebase tokens with RSA-2048 keys, IAP assertions with EC P-256
 * keys), publishes them over HTTP on 127.0.0.1 in the formats Google uses, and mints tokens. The
 * Google key is generated at start, the others on first use. Close it to stop the HTTP server.
 *
 * <pre>{@code
 * try (TestIssuer issuer = TestIssuer.start()) {
 *   String token = issuer.serviceAccount("caller@p.iam.gserviceaccount.com")
 *       .audience("https://svc.example").sign();
 *   // configure the verifier with issuer.jwksUri()
 * }
 * }</pre>
 */
public final class TestIssuer implements AutoCloseable {
  static final String GOOGLE_PATH = "/oauth2/v3/certs";
  static final String FIREBASE_PATH =
      "/robot/v1/metadata/x509/securetoken@system.gserviceaccount.com";
  static final String IAP_PATH = "/iap/verify/public_key-jwk";
  /** The {@code azp} of user tokens: an OAuth client id. */
  static final String USER_CLIENT_ID = "1234567890-testkit.apps.googleusercontent.com";
  static final String DEFAULT_AUDIENCE = "https://example.test";

  private final Clock clock;
  private final KeyRing google;
  private final KeyRing firebase;
  private final KeyRing iap;
  private final KeyEndpoint endpoint;

  private TestIssuer(Clock clock) {
    this.clock = clock;
    SecureRandom random = new SecureRandom();
    this.google = new KeyRing(() -> Family.GOOGLE.generate(clock, random));
    this.firebase = new KeyRing(() -> Family.FIREBASE.generate(clock, random));
    this.iap = new KeyRing(() -> Family.IAP.generate(clock, random));
    Map<String, Supplier<String>> documents =
        Map.of(
            GOOGLE_PATH, () -> jwkSet(google),
            FIREBASE_PATH, this::firebaseCertificates,
            IAP_PATH, () -> jwkSet(iap));
    // The Google key, the one nearly every test fetches, exists before the first fetch: generated on that
    // fetch, it can take longer than a verifier's read timeout on a crowded machine.
    google.current();
    this.endpoint = new KeyEndpoint(documents);
  }

  /** Starts an issuer whose tokens take their times from the system clock (UTC). */
  public static TestIssuer start() {
    return start(Clock.systemUTC());
  }

  /** Starts an issuer whose tokens take {@code iat} and {@code exp} from {@code clock}. */
  public static TestIssuer start(Clock clock) {
    return new TestIssuer(Objects.requireNonNull(clock, "clock"));
  }

  /**
   * The Google RSA keys as a JWK set, like {@code https://www.googleapis.com/oauth2/v3/certs}: each
   * key with {@code kid}, {@code alg} RS256, {@code use} sig, {@code n} and {@code e}.
   */
  public URI jwksUri() {
    return endpoint.uri(GOOGLE_PATH);
  }

  /**
   * The Firebase keys as a JSON object from key id to PEM certificate, like {@code
   * https://www.googleapis.com/robot/v1/metadata/x509/securetoken@system.gserviceaccount.com}.
   * Each certificate is self-signed for CN=securetoken.system.gserviceaccount.com and valid from six
   * hours before to fourteen days after the issuer's clock reading when its key was generated.
   */
  public URI firebaseCertsUri() {
    return endpoint.uri(FIREBASE_PATH);
  }

  /**
   * The IAP EC P-256 keys as a JWK set ({@code alg} ES256), like {@code
   * https://www.gstatic.com/iap/verify/public_key-jwk}.
   */
  public URI iapJwksUri() {
    return endpoint.uri(IAP_PATH);
  }

  /**
   * A Google ID token of a user: {@code iss} https://accounts.google.com, {@code aud}
   * https://example.test, {@code azp} an OAuth client id, {@code sub} a numeric id derived from the
   * email, {@code email}, {@code email_verified} true, valid for one hour. No {@code hd} unless
   * {@link TokenBuilder#hostedDomain} is called.
   */
  public TokenBuilder user(String email) {
    Map<String, Object> claims = googleClaims(USER_CLIENT_ID, numericId(email));
    claims.put("email", email);
    claims.put("email_verified", true);
    return builder(Family.GOOGLE, google, claims, Duration.ofHours(1));
  }

  /**
   * A Google ID token of a service account: like {@link #user} with {@code azp} equal to the
   * email.
   */
  public TokenBuilder serviceAccount(String email) {
    Map<String, Object> claims = googleClaims(email, numericId(email));
    claims.put("email", email);
    claims.put("email_verified", true);
    return builder(Family.GOOGLE, google, claims, Duration.ofHours(1));
  }

  /**
   * A Google ID token as the metadata server mints it in its default format: no {@code email}, and
   * {@code azp} and {@code sub} both equal to the service account's numeric id.
   */
  public TokenBuilder metadataServerDefault(String numericId) {
    return builder(
        Family.GOOGLE, google, googleClaims(numericId, numericId), Duration.ofHours(1));
  }

  /**
   * A Firebase Auth / Identity Platform ID token: {@code iss}
   * https://securetoken.google.com/PROJECT, {@code aud} PROJECT, {@code sub} and {@code user_id}
   * the uid, {@code auth_time} equal to {@code iat}, {@code firebase} with {@code sign_in_provider}
   * "custom" and empty {@code identities}; no email unless added with {@link TokenBuilder#claim}.
   * Valid for one hour, signed by a Firebase key.
   */
  public TokenBuilder firebase(String projectId, String uid) {
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("iss", "https://securetoken.google.com/" + projectId);
    claims.put("aud", projectId);
    claims.put("user_id", uid);
    claims.put("sub", uid);
    Map<String, Object> firebaseClaim = new LinkedHashMap<>();
    firebaseClaim.put("identities", Map.of());
    firebaseClaim.put("sign_in_provider", "custom");
    claims.put("firebase", firebaseClaim);
    return builder(Family.FIREBASE, firebase, claims, Duration.ofHours(1));
  }

  /**
   * An IAP signed header ({@code x-goog-iap-jwt-assertion}), ES256: {@code iss}
   * https://cloud.google.com/iap, the given {@code aud} (e.g. /projects/NUMBER/global/...), {@code
   * email}, {@code sub} "accounts.google.com:" and a numeric id, {@code identity_source} GOOGLE;
   * valid for ten minutes, as IAP's are. {@code hd} only if set.
   */
  public TokenBuilder iap(String audience, String email) {
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("iss", "https://cloud.google.com/iap");
    claims.put("aud", audience);
    claims.put("sub", "accounts.google.com:" + numericId(email));
    claims.put("email", email);
    claims.put("identity_source", "GOOGLE");
    return builder(Family.IAP, iap, claims, Duration.ofMinutes(10));
  }

  /**
   * Gives every family a new signing key. The previous key stays published next to it, as Google
   * does, until the next rotation or {@link #dropOldKeys()}.
   */
  public void rotateKeys() {
    google.rotate();
    firebase.rotate();
    iap.rotate();
  }

  /** Publishes only the current keys. */
  public void dropOldKeys() {
    google.dropOld();
    firebase.dropOld();
    iap.dropOld();
  }

  /** Makes every key endpoint answer with {@code status} (e.g. 500, 503) and no keys; 200 restores. */
  public void keyEndpointStatus(int status) {
    endpoint.status(status);
  }

  /** Delays every key endpoint answer by {@code d} (zero by default), e.g. to test timeouts. */
  public void keyEndpointDelay(Duration d) {
    endpoint.delay(Objects.requireNonNull(d, "d"));
  }

  /** The number of requests the three key endpoints have received, whatever they answered. */
  public int keyRequests() {
    return endpoint.requests();
  }

  /** The {@code max-age} the key endpoints send. */
  public Duration cacheMaxAge() {
    return endpoint.maxAge();
  }

  /**
   * Sets the {@code max-age} of the key endpoints' {@code Cache-Control: public, max-age=N,
   * must-revalidate, no-transform} (one hour by default; whole seconds; no {@code Age} header).
   */
  public void cacheMaxAge(Duration d) {
    endpoint.maxAge(Objects.requireNonNull(d, "d"));
  }

  /** Stops the key endpoints. Calling it again does nothing. */
  @Override
  public void close() {
    endpoint.close();
  }

  private TokenBuilder builder(
      Family family, KeyRing keys, Map<String, Object> claims, Duration lifetime) {
    return new TokenBuilder(family, keys, google, clock, claims, lifetime);
  }

  private static Map<String, Object> googleClaims(String azp, String sub) {
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("iss", "https://accounts.google.com");
    claims.put("azp", azp);
    claims.put("aud", DEFAULT_AUDIENCE);
    claims.put("sub", sub);
    return claims;
  }

  /** A stable 21-digit id starting with 1, like Google's subject ids, derived from the email. */
  static String numericId(String email) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest(email.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
      BigInteger n = new BigInteger(1, hash).mod(BigInteger.TEN.pow(20));
      return "1" + String.format("%020d", n);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String jwkSet(KeyRing ring) {
    List<JWK> keys =
        ring.published().stream().map(TestIssuer::jwk).toList();
    return new JWKSet(keys).toString(true);
  }

  private static JWK jwk(SigningKey key) {
    if (key.keys().getPublic() instanceof ECPublicKey ec) {
      return new ECKey.Builder(Curve.P_256, ec)
          .keyUse(KeyUse.SIGNATURE)
          .algorithm(JWSAlgorithm.ES256)
          .keyID(key.kid())
          .build();
    }
    return new RSAKey.Builder((RSAPublicKey) key.keys().getPublic())
        .keyUse(KeyUse.SIGNATURE)
        .algorithm(JWSAlgorithm.RS256)
        .keyID(key.kid())
        .build();
  }

  private String firebaseCertificates() {
    Map<String, Object> map = new LinkedHashMap<>();
    firebase.published().forEach(key -> map.put(key.kid(), key.certificatePem()));
    return JSONObjectUtils.toJSONString(map);
  }
}
