package dev.invokerguard.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invokerguard.testing.MutableClock;
import dev.invokerguard.testing.TestIssuer;
import dev.invokerguard.testing.WithTestIssuer;
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
  void verifyWhenSignatureRemovedByGoogleThenOwnCodeWithAdvice() {
    String token = issuer.user("a@example.com").audience(AUDIENCE).sign();
    String stripped = token.substring(0, token.lastIndexOf('.') + 1) + "SIGNATURE_REMOVED_BY_GOOGLE";
    TokenVerification result = verifier.verify(stripped);
    assertThat(result.error()).isEqualTo(TokenError.SIGNATURE_REMOVED_BY_GOOGLE);
    assertThat(result.detail()).contains("X-Serverless-Authorization");
  }
}
