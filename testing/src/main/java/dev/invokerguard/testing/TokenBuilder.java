package dev.invokerguard.testing;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Builds one signed token of a {@link TestIssuer} family. Starts from the family's real shape (see
 * the {@code TestIssuer} factory methods); every claim and header can be overridden or removed, and
 * the signature can be made invalid in several ways. Times not set explicitly come from the
 * issuer's clock when the token is signed: {@code iat} is now and {@code exp} is {@code iat} plus
 * the family's lifetime. The last call that touches a claim wins. Not thread-safe.
 */
public final class TokenBuilder {
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private final KeyRing keys;
  private final KeyRing googleKeys;
  private final Family family;
  private final Clock clock;
  private final Map<String, Object> defaults;
  private final Map<String, Object> claims = new LinkedHashMap<>();
  private final Set<String> removedClaims = new HashSet<>();
  private final Map<String, Object> headers = new LinkedHashMap<>();
  private final Set<String> removedHeaders = new HashSet<>();
  private Instant issuedAt;
  private Instant expiresAt;
  private Instant notBefore;
  private Duration lifetime;
  private boolean unpublishedKey;
  private boolean corruptSignature;

  TokenBuilder(
      Family family,
      KeyRing keys,
      KeyRing googleKeys,
      Clock clock,
      Map<String, Object> defaults,
      Duration lifetime) {
    this.family = family;
    this.keys = keys;
    this.googleKeys = googleKeys;
    this.clock = clock;
    this.defaults = new LinkedHashMap<>(defaults);
    this.lifetime = lifetime;
  }

  /** Sets {@code aud}: one value as a string claim, several (or none) as an array. */
  public TokenBuilder audience(String... aud) {
    return claim("aud", aud.length == 1 ? aud[0] : List.of(aud));
  }

  /** Sets {@code iss}. */
  public TokenBuilder issuer(String iss) {
    return claim("iss", iss);
  }

  /** Sets the {@code hd} (hosted domain) claim. */
  public TokenBuilder hostedDomain(String hd) {
    return claim("hd", hd);
  }

  /** Sets {@code email_verified}. */
  public TokenBuilder emailVerified(boolean verified) {
    return claim("email_verified", verified);
  }

  /** Sets {@code iat}; {@code exp} follows it unless set explicitly. */
  public TokenBuilder issuedAt(Instant t) {
    issuedAt = Objects.requireNonNull(t, "t");
    return restore("iat");
  }

  /** Sets {@code exp}. */
  public TokenBuilder expiresAt(Instant t) {
    expiresAt = Objects.requireNonNull(t, "t");
    return restore("exp");
  }

  /** Sets {@code nbf} (absent by default, as in Google's tokens). */
  public TokenBuilder notBefore(Instant t) {
    notBefore = Objects.requireNonNull(t, "t");
    return restore("nbf");
  }

  /** Sets {@code exp} to {@code iat} plus {@code d}; negative values give an already expired token. */
  public TokenBuilder expiresIn(Duration d) {
    lifetime = Objects.requireNonNull(d, "d");
    expiresAt = null;
    return restore("exp");
  }

  /**
   * Sets any claim, overriding defaults. Values may be strings, numbers, booleans, null (a JSON
   * null), {@link Instant}s (written as seconds since the epoch), maps, collections and arrays.
   */
  public TokenBuilder claim(String name, Object value) {
    claims.put(Objects.requireNonNull(name, "name"), JsonValues.of(value));
    removedClaims.remove(name);
    return this;
  }

  /**
   * Sets {@code firebase.tenant}: a Firebase token of that Identity Platform tenant (other members of the
   * {@code firebase} claim are kept).
   */
  public TokenBuilder firebaseTenant(String tenant) {
    return firebaseMember("tenant", Objects.requireNonNull(tenant, "tenant"));
  }

  /**
   * Sets {@code firebase.sign_in_provider} ({@code password}, {@code google.com}, {@code anonymous}, ...;
   * a Firebase token of {@link TestIssuer#firebase} says {@code custom}); other members are kept.
   */
  public TokenBuilder signInProvider(String provider) {
    return firebaseMember("sign_in_provider", Objects.requireNonNull(provider, "provider"));
  }

  private TokenBuilder firebaseMember(String name, String value) {
    Object current = claims.containsKey("firebase") ? claims.get("firebase") : defaults.get("firebase");
    Map<String, Object> firebase = new LinkedHashMap<>();
    if (current instanceof Map<?, ?> map) {
      map.forEach((k, v) -> firebase.put(String.valueOf(k), v));
    }
    firebase.put(name, value);
    return claim("firebase", firebase);
  }

  /** Removes a claim, default or not (e.g. {@code "exp"}, {@code "email"}). */
  public TokenBuilder withoutClaim(String name) {
    claims.remove(name);
    removedClaims.add(Objects.requireNonNull(name, "name"));
    return this;
  }

  /** Sets the {@code kid} header (e.g. to an id no key set knows). */
  public TokenBuilder keyId(String kid) {
    return header("kid", kid);
  }

  /** Leaves out the {@code kid} header. */
  public TokenBuilder withoutKeyId() {
    headers.remove("kid");
    removedHeaders.add("kid");
    return this;
  }

  /**
   * Sets any header parameter, e.g. {@code "jku"}, {@code "x5u"} or {@code "jwk"} (a Nimbus
   * {@link com.nimbusds.jose.jwk.JWK} is written as its JSON object). Overrides the default
   * {@code alg}, {@code kid} and {@code typ} too; the signature is still made as the signing method
   * says.
   */
  public TokenBuilder header(String name, Object value) {
    headers.put(Objects.requireNonNull(name, "name"), JsonValues.of(value));
    removedHeaders.remove(name);
    return this;
  }

  /** Signs with a key of the right type and key id format that no key set publishes. */
  public TokenBuilder signedWithUnpublishedKey() {
    unpublishedKey = true;
    return this;
  }

  /** Flips one bit of the signature. */
  public TokenBuilder corruptSignature() {
    corruptSignature = true;
    return this;
  }

  /** The token as a compact JWS, signed with the family's current key and algorithm. */
  public String sign() {
    SigningKey key = signingKey();
    return jws(family.algorithm, key.kid(), input -> sign(signatureAlgorithm(), key, input));
  }

  /** An unsecured token: {@code alg} {@code none} and an empty signature segment. */
  public String signNone() {
    return jws("none", signingKey().kid(), input -> new byte[0]);
  }

  /**
   * A key-confusion token: {@code alg} {@code HS256}, with the family's public key in X.509
   * SubjectPublicKeyInfo DER form ({@code PublicKey.getEncoded()}) as the HMAC secret.
   */
  public String signHs256WithPublicKey() {
    SigningKey key = signingKey();
    return jws("HS256", key.kid(), input -> hmac(key.keys().getPublic().getEncoded(), input));
  }

  /**
   * For {@link TestIssuer#iap} tokens only: the token signed {@code RS256} with the current Google
   * RSA key, keeping the IAP key id, so only the algorithm is wrong for the family.
   *
   * @throws IllegalStateException on a token of another family
   */
  public String signRs256ForIap() {
    requireIap("signRs256ForIap");
    SigningKey rsa = googleKeys.current();
    return jws("RS256", signingKey().kid(), input -> sign("SHA256withRSA", rsa, input));
  }

  /**
   * For {@link TestIssuer#iap} tokens only: {@code alg} {@code ES256} with an all-zero 64-byte
   * {@code r||s} signature (which a broken ECDSA check accepts for any message).
   *
   * @throws IllegalStateException on a token of another family
   */
  public String signEcdsaWithZeroRS() {
    requireIap("signEcdsaWithZeroRS");
    return jws("ES256", signingKey().kid(), input -> new byte[64]);
  }

  private interface Signer {
    byte[] sign(byte[] input) throws GeneralSecurityException;
  }

  private String jws(String alg, String kid, Signer signer) {
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("alg", alg);
    header.put("kid", kid);
    header.put("typ", "JWT");
    header.putAll(headers);
    removedHeaders.forEach(header::remove);
    String input = encode(JSONObjectUtils.toJSONString(header)) + "." + encode(payload());
    byte[] signature;
    try {
      signature = signer.sign(input.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign the token", e);
    }
    if (corruptSignature && signature.length > 0) {
      signature = Arrays.copyOf(signature, signature.length);
      signature[signature.length / 2] ^= 0x01;
    }
    return input + "." + BASE64URL.encodeToString(signature);
  }

  private String payload() {
    Instant now = clock.instant();
    Instant iat = issuedAt != null ? issuedAt : now;
    Instant exp = expiresAt != null ? expiresAt : iat.plus(lifetime);
    Map<String, Object> payload = new LinkedHashMap<>(defaults);
    if (family == Family.FIREBASE) {
      payload.put("auth_time", iat.getEpochSecond());
    }
    payload.put("iat", iat.getEpochSecond());
    payload.put("exp", exp.getEpochSecond());
    if (notBefore != null) {
      payload.put("nbf", notBefore.getEpochSecond());
    }
    payload.putAll(claims);
    removedClaims.forEach(payload::remove);
    return JSONObjectUtils.toJSONString(payload);
  }

  private SigningKey signingKey() {
    return unpublishedKey ? keys.unpublished() : keys.current();
  }

  private String signatureAlgorithm() {
    return family.isEc() ? "SHA256withECDSAinP1363Format" : "SHA256withRSA";
  }

  private TokenBuilder restore(String claim) {
    claims.remove(claim);
    removedClaims.remove(claim);
    return this;
  }

  private void requireIap(String method) {
    if (family != Family.IAP) {
      throw new IllegalStateException(method + " applies to IAP tokens only");
    }
  }

  private static byte[] sign(String algorithm, SigningKey key, byte[] input)
      throws GeneralSecurityException {
    PrivateKey privateKey = key.keys().getPrivate();
    Signature signature = Signature.getInstance(algorithm);
    signature.initSign(privateKey);
    signature.update(input);
    return signature.sign();
  }

  private static byte[] hmac(byte[] secret, byte[] input) throws GeneralSecurityException {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret, "HmacSHA256"));
    return mac.doFinal(input);
  }

  private static String encode(String json) {
    return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
