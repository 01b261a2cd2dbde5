package dev.invokerguard.token;

import dev.invokerguard.testing.TestIssuer;
import java.math.BigInteger;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/** Verifiers wired to a {@link TestIssuer}'s loopback key endpoints, and signature surgery. */
final class VerifierFixtures {
  static final String FIREBASE_PROJECT = "demo-project";
  static final String IAP_AUDIENCE = "/projects/123456789/global/backendServices/987654321";
  /** The order n of the P-256 group (SEC 2, section 2.4.2). */
  static final BigInteger P256_ORDER =
      new BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);

  private VerifierFixtures() {}

  /** Google, Firebase and IAP families, each pinned to the issuer's matching endpoint. */
  static GoogleIdTokenVerifier.Builder allFamilies(TestIssuer issuer, Clock clock) {
    return GoogleIdTokenVerifier.builder()
        .clock(clock)
        .family(TokenFamily.google(List.of(GoogleIdTokenVerifierTest.AUDIENCE)).withKeySetUri(issuer.jwksUri()))
        .family(TokenFamily.firebase(FIREBASE_PROJECT).withKeySetUri(issuer.firebaseCertsUri()))
        .family(TokenFamily.iap(IAP_AUDIENCE).withKeySetUri(issuer.iapJwksUri()));
  }

  /** The ES256 token with r replaced (s kept). */
  static String withEcdsaR(String token, BigInteger r) {
    int dot = token.lastIndexOf('.');
    byte[] signature = Base64.getUrlDecoder().decode(token.substring(dot + 1));
    byte[] rBytes = r.toByteArray();
    byte[] fixed = new byte[32];
    int length = Math.min(32, rBytes.length);
    System.arraycopy(rBytes, rBytes.length - length, fixed, 32 - length, length);
    byte[] forged = Arrays.copyOf(signature, 64);
    System.arraycopy(fixed, 0, forged, 0, 32);
    return token.substring(0, dot + 1) + Base64.getUrlEncoder().withoutPadding().encodeToString(forged);
  }
}
