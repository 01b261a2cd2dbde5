package dev.invokerguard.token;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;

/**
 * Checks RS256 and ES256 signatures (RFC 7518 sections 3.3 and 3.4) with the JDK's providers. An ES256
 * signature is the 64-byte concatenation of R and S (RFC 7518 section 3.4), which the JDK verifies as is
 * ({@code SHA256withECDSAinP1363Format}); R and S must each lie in [1, n-1] for the curve order n (SEC 1
 * section 4.1.4), checked before the JDK sees them.
 * {@link Signature} objects are kept per thread: looking up a provider per call costs more than the
 * rest of the token checks together.
 */
final class JwsSignatures {
  private static final ThreadLocal<Signature> RS256 = ThreadLocal.withInitial(() -> instance("SHA256withRSA"));
  private static final ThreadLocal<Signature> ES256 = ThreadLocal.withInitial(
      () -> instance("SHA256withECDSAinP1363Format"));
  private static final int ES256_SIGNATURE_LENGTH = 64;
  private static final int ES256_HALF = ES256_SIGNATURE_LENGTH / 2;

  private JwsSignatures() {}

  /** Null when the signature holds, else the rejection. */
  static TokenVerification check(String alg, PublicKey key, CompactJws jws) {
    byte[] input = jws.signingInput.getBytes(StandardCharsets.US_ASCII);
    try {
      if (alg.equals("RS256") && key instanceof RSAPublicKey) {
        return verify(RS256.get(), key, input, jws.signature);
      }
      if (alg.equals("ES256") && key instanceof ECPublicKey) {
        if (jws.signature.length != ES256_SIGNATURE_LENGTH) {
          return malformed("an ES256 signature is 64 bytes");
        }
        if (!inRange(jws.signature, ((ECPublicKey) key).getParams().getOrder())) {
          return malformed("ECDSA signature values out of range");
        }
        return verify(ES256.get(), key, input, jws.signature);
      }
      return TokenVerification.rejected(TokenError.ALGORITHM_NOT_ALLOWED,
          "the token's algorithm does not match its key");
    } catch (GeneralSecurityException e) {
      return invalid();
    }
  }

  /** Whether R and S, the two halves of the signature, are both in [1, order - 1]. */
  private static boolean inRange(byte[] signature, BigInteger order) {
    BigInteger r = new BigInteger(1, java.util.Arrays.copyOfRange(signature, 0, ES256_HALF));
    BigInteger s = new BigInteger(1, java.util.Arrays.copyOfRange(signature, ES256_HALF, ES256_SIGNATURE_LENGTH));
    return r.signum() > 0 && s.signum() > 0 && r.compareTo(order) < 0 && s.compareTo(order) < 0;
  }

  private static TokenVerification verify(Signature signature, PublicKey key, byte[] input, byte[] sig)
      throws GeneralSecurityException {
    signature.initVerify(key);
    signature.update(input);
    return signature.verify(sig) ? null : invalid();
  }

  private static TokenVerification invalid() {
    return TokenVerification.rejected(TokenError.INVALID_SIGNATURE, "the token's signature is invalid");
  }

  private static TokenVerification malformed(String detail) {
    return TokenVerification.rejected(TokenError.MALFORMED_SIGNATURE, detail);
  }

  private static Signature instance(String name) {
    try {
      return Signature.getInstance(name);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK provides no " + name, e);
    }
  }
}
