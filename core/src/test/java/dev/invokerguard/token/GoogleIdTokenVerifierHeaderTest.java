package dev.invokerguard.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.invokerguard.testing.MutableClock;
import dev.invokerguard.testing.TestIssuer;
import dev.invokerguard.testing.WithTestIssuer;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The compact form and header rules: malformed tokens, stripped signatures, key-naming headers. */
@WithTestIssuer
class GoogleIdTokenVerifierHeaderTest {
  private static final String AUDIENCE = GoogleIdTokenVerifierTest.AUDIENCE;
  private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

  private final TestIssuer issuer;
  private final GoogleIdTokenVerifier verifier;

  GoogleIdTokenVerifierHeaderTest(TestIssuer issuer) {
    this.issuer = issuer;
    this.verifier = VerifierFixtures.allFamilies(issuer, MutableClock.atSystemTime()).build();
  }

  @AfterEach
  void close() {
    verifier.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "a.b", "a.b.c.d", "a.b.c.d.e", "!!!.e30.c2ln", "bm90anNvbg.e30.c2ln",
      ".e30.c2ln", "eyJhbGciOiJSUzI1NiJ9..c2ln"})
  void verifyWhenNotACompactJwsThenMalformed(String token) {
    assertThat(verifier.verify(token).error()).isEqualTo(TokenError.MALFORMED);
  }

  @Test
  void verifyWhenNoIssuerClaimThenUnknownIssuer() {
    assertThat(verifier.verify("e30.e30.c2ln").error()).isEqualTo(TokenError.UNKNOWN_ISSUER);
  }

  @Test
  void verifyWhenClaimAppearsTwiceThenMalformed() {
    String payload = "{\"iss\":\"https://evil.example\",\"iss\":\"https://accounts.google.com\"}";
    String token = segment("{\"alg\":\"RS256\",\"kid\":\"k\"}") + "." + segment(payload) + ".c2ln";
    assertThat(verifier.verify(token).error()).isEqualTo(TokenError.MALFORMED);
  }

  @Test
  void verifyWhenJsonFollowedByGarbageThenMalformed() {
    String token = segment("{\"alg\":\"RS256\"}x") + "." + segment("{}") + ".c2ln";
    assertThat(verifier.verify(token).error()).isEqualTo(TokenError.MALFORMED);
  }

  private static String segment(String json) {
    return java.util.Base64.getUrlEncoder().withoutPadding()
        .encodeToString(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  void verifyWhenSignatureRespelledWithSameSignificantBitsThenMalformedAndOnlyCanonicalVerifies() {
    String token = issuer.user("a@example.com").audience(AUDIENCE).sign();
    int last = ALPHABET.indexOf(token.charAt(token.length() - 1));
    int unusedBits = switch (token.substring(token.lastIndexOf('.') + 1).length() % 4) {
      case 2 -> 4;
      case 3 -> 2;
      default -> 0;
    };
    assertThat(unusedBits).as("an RS256 signature of 256 bytes leaves 4 unused bits").isEqualTo(4);

    assertThat(verifier.verify(token).isVerified()).isTrue();
    for (int low = 1; low < (1 << unusedBits); low++) {
      String respelled = token.substring(0, token.length() - 1) + ALPHABET.charAt(last | low);
      assertThat(verifier.verify(respelled).error()).as(respelled.substring(respelled.length() - 3))
          .isEqualTo(TokenError.MALFORMED);
    }
  }

  @Test
  void verifyWhenPayloadRespelledWithNonZeroUnusedBitsThenMalformed() {
    String payload = segment("{\"iss\":\"https://accounts.google.com\"}");
    assertThat(payload.length() % 4).as("a length that leaves unused bits").isIn(2, 3);
    String respelled = payload.substring(0, payload.length() - 1)
        + ALPHABET.charAt(ALPHABET.indexOf(payload.charAt(payload.length() - 1)) | 1);

    assertThat(verifier.verify(segment("{}") + "." + payload + ".c2ln").error())
        .isNotEqualTo(TokenError.MALFORMED);
    assertThat(verifier.verify(segment("{}") + "." + respelled + ".c2ln").error())
        .isEqualTo(TokenError.MALFORMED);
  }

  @ParameterizedTest
  @ValueSource(strings = {"=", "==", "AAA", "+", "/", " "})
  void verifyWhenSignatureHasPaddingIllegalCharacterOrStrayLengthThenMalformed(String tail) {
    String token = issuer.user("a@example.com").audience(AUDIENCE).sign();

    assertThat(verifier.verify(token + tail).error()).isEqualTo(TokenError.MALFORMED);
  }

  @Test
  void verifyWhenJsonHeaderIsNotAnObjectThenMalformed() {
    assertThat(verifier.verify("WzFd.e30.c2ln").error()).isEqualTo(TokenError.MALFORMED);
  }

  @Test
  void verifyWhenCriticalHeaderPresentThenMalformed() {
    String token = issuer.user("a@example.com").audience(AUDIENCE).header("crit", List.of("exp")).sign();
    assertThat(verifier.verify(token).error()).isEqualTo(TokenError.MALFORMED);
  }

  @Test
  void verifyWhenKeyUrlHeadersPresentThenNothingFetchedFromThem() throws Exception {
    try (CountingHttpServer decoy = CountingHttpServer.start()) {
      String token = issuer.user("a@example.com").audience(AUDIENCE)
          .header("jku", decoy.uri().toString())
          .header("x5u", decoy.uri().toString())
          .header("jwk", Map.of("kty", "RSA", "n", "AQAB", "e", "AQAB"))
          .signedWithUnpublishedKey().sign();

      TokenVerification result = verifier.verify(token);

      assertThat(result.isVerified()).isFalse();
      assertThat(decoy.requests()).isZero();
    }
  }

  @Test
  void verifyWhenHeaderEmbedsTheSigningKeyThenThatKeyIsNotUsed() throws Exception {
    RSAKey attacker = new RSAKeyGenerator(2048).keyID("attacker-key").generate();
    String publishedKid = SignedJWT.parse(issuer.user("a@example.com").audience(AUDIENCE).sign())
        .getHeader().getKeyID();

    String ownKid = selfSigned(attacker, attacker.getKeyID());
    String borrowedKid = selfSigned(attacker, publishedKid);

    assertThat(verifier.verify(ownKid).error()).isEqualTo(TokenError.UNKNOWN_KEY_ID);
    assertThat(verifier.verify(borrowedKid).error()).isEqualTo(TokenError.INVALID_SIGNATURE);
  }

  /** A Google-shaped token signed by the attacker's key, which its {@code jwk} header carries. */
  private static String selfSigned(RSAKey key, String kid) throws Exception {
    Instant now = Instant.now();
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid)
        .jwk(key.toPublicJWK()).build(),
        new JWTClaimsSet.Builder().issuer("https://accounts.google.com").audience(AUDIENCE)
            .subject("1").claim("email", "a@example.com").claim("email_verified", true)
            .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600))).build());
    jwt.sign(new RSASSASigner(key));
    return jwt.serialize();
  }

  @Test
  void verifyWhenSignatureRemovedByGoogleThenOwnCodeWithAdvice() {
    String token = issuer.user("a@example.com").audience(AUDIENCE).sign();
    String stripped = token.substring(0, token.lastIndexOf('.') + 1) + "SIGNATURE_REMOVED_BY_GOOGLE";
    TokenVerification result = verifier.verify(stripped);
    assertThat(result.error()).isEqualTo(TokenError.SIGNATURE_REMOVED_BY_GOOGLE);
    assertThat(result.detail()).contains("X-Serverless-Authorization");
  }
}
