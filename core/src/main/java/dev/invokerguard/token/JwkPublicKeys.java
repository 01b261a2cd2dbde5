package dev.invokerguard.token;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.EllipticCurve;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The public key of one JSON Web Key (RFC 7517 section 4) usable for verifying signatures: an RSA key
 * (RFC 7518 section 6.3.1: {@code n}, {@code e}) or an EC key on P-256, P-384 or P-521 (section 6.2.1:
 * {@code crv}, {@code x}, {@code y}, the point checked to be on the curve). A JWK is refused, with the reason,
 * when a member has the wrong type, when {@code use} is not {@code sig} (section 4.2), when {@code key_ops}
 * names an unknown operation or not {@code verify}, or operations other than signing beside {@code use} {@code sig}
 * (section 4.3), when an RSA exponent is below 3 or even, when it carries private parameters (a
 * published key set never should), when the first {@code x5c} certificate holds another key (section 4.7),
 * or when its parameters do not decode (base64url, RFC 7515 section 2; misplaced padding is refused). URLs
 * ({@code x5u}) are never fetched.
 */
final class JwkPublicKeys {
  private static final Base64.Decoder BASE64URL = Base64.getUrlDecoder();
  private static final Set<String> OPERATIONS = Set.of("sign", "verify", "encrypt", "decrypt", "wrapKey",
      "unwrapKey", "deriveKey", "deriveBits");
  private static final Set<String> SIGNATURE_OPERATIONS = Set.of("sign", "verify");
  private static final Map<String, String> CURVES = Map.of("P-256", "secp256r1", "P-384", "secp384r1",
      "P-521", "secp521r1");

  private JwkPublicKeys() {}

  /** A JWK's public key, or why it cannot verify. */
  record Outcome(@Nullable PublicKey key, @Nullable String algorithm, @Nullable String refusal) {}

  /** The verification key of {@code jwk}. Never throws. */
  static Outcome of(Map<String, Object> jwk) {
    try {
      string(jwk, "kid");
      String use = string(jwk, "use");
      if (use != null && !use.equals("sig")) {
        return refused("use is " + use + ", not sig");
      }
      Object ops = jwk.get("key_ops");
      if (ops != null) {
        if (!(ops instanceof List<?> list) || !list.stream().allMatch(op -> op instanceof String o
            && OPERATIONS.contains(o))) {
          return refused("key_ops is not a list of known operations");
        }
        if (!list.contains("verify")) {
          return refused("key_ops does not allow verify");
        }
        if (use != null && !SIGNATURE_OPERATIONS.containsAll(list)) {
          return refused("use sig and key_ops " + list + " disagree");
        }
      }
      String algorithm = string(jwk, "alg");
      String type = string(jwk, "kty");
      if (type == null) {
        return refused("no kty");
      }
      if (jwk.containsKey("d")) {
        return refused("it carries private parameters");
      }
      PublicKey key = switch (type) {
        case "RSA" -> rsaKey(unsigned(jwk, "n"), unsigned(jwk, "e"));
        case "EC" -> ecKey(jwk);
        default -> null;
      };
      if (key == null) {
        return refused("unsupported key type " + type);
      }
      String mismatch = certificateMismatch(jwk, key);
      return mismatch != null ? refused(mismatch) : new Outcome(key, algorithm, null);
    } catch (GeneralSecurityException | RuntimeException e) {
      return refused(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }
  }

  /** An RSA key; an exponent below 3 or even is refused (with e = 1 a signature is its own message). */
  private static PublicKey rsaKey(BigInteger modulus, BigInteger exponent) throws GeneralSecurityException {
    if (exponent.compareTo(BigInteger.valueOf(3)) < 0 || !exponent.testBit(0)) {
      throw new IllegalArgumentException("RSA exponent " + exponent + " is not an odd number of at least 3");
    }
    return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, exponent));
  }

  private static PublicKey ecKey(Map<String, Object> jwk) throws GeneralSecurityException {
    String curve = string(jwk, "crv");
    String name = curve == null ? null : CURVES.get(curve);
    if (name == null) {
      throw new IllegalArgumentException("unsupported curve " + curve);
    }
    AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
    parameters.init(new ECGenParameterSpec(name));
    ECParameterSpec spec = parameters.getParameterSpec(ECParameterSpec.class);
    ECPoint point = new ECPoint(unsigned(jwk, "x"), unsigned(jwk, "y"));
    if (!onCurve(point, spec.getCurve())) {
      throw new IllegalArgumentException("the point is not on " + curve);
    }
    return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, spec));
  }

  /** y^2 = x^3 + ax + b over the curve's prime field, both coordinates in the field. */
  static boolean onCurve(ECPoint point, EllipticCurve curve) {
    BigInteger p = ((ECFieldFp) curve.getField()).getP();
    BigInteger x = point.getAffineX();
    BigInteger y = point.getAffineY();
    if (x.signum() < 0 || y.signum() < 0 || x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
      return false;
    }
    BigInteger left = y.multiply(y).mod(p);
    BigInteger right = x.pow(3).add(curve.getA().multiply(x)).add(curve.getB()).mod(p);
    return left.equals(right);
  }

  /** Why the first {@code x5c} certificate does not hold {@code key}, or {@code null} when it does or is absent. */
  private static @Nullable String certificateMismatch(Map<String, Object> jwk, PublicKey key)
      throws GeneralSecurityException {
    Object chain = jwk.get("x5c");
    if (chain == null || chain instanceof List<?> empty && empty.isEmpty()) {
      return null;
    }
    if (!(chain instanceof List<?> list) || !(list.get(0) instanceof String first)) {
      return "x5c is not a list of certificates";
    }
    X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(first)));
    return certificate.getPublicKey().equals(key) ? null : "the x5c certificate holds another key";
  }

  private static @Nullable String string(Map<String, Object> jwk, String member) {
    Object value = jwk.get(member);
    if (value != null && !(value instanceof String)) {
      throw new IllegalArgumentException(member + " is not a string");
    }
    return (String) value;
  }

  private static BigInteger unsigned(Map<String, Object> jwk, String member) {
    String value = string(jwk, member);
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("no " + member);
    }
    return new BigInteger(1, BASE64URL.decode(value));
  }

  private static Outcome refused(String why) {
    return new Outcome(null, null, why);
  }
}
