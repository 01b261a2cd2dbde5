package dev.invokerguard.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invokerguard.testing.MutableClock;
import dev.invokerguard.testing.TestIssuer;
import dev.invokerguard.testing.WithTestIssuer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every rejection rule of the verifier, against a local issuer's keys fetched over loopback HTTP. */
@WithTestIssuer
class GoogleIdTokenVerifierTest {
  static final String AUDIENCE = "https://hello-abc123-uc.a.run.app";
  static final String SA = "caller@my-project.iam.gserviceaccount.com";

  private final TestIssuer issuer;
  private final MutableClock clock = MutableClock.atSystemTime();
  private GoogleIdTokenVerifier verifier;

  GoogleIdTokenVerifierTest(TestIssuer issuer) {
    this.issuer = issuer;
    this.verifier = VerifierFixtures.allFamilies(issuer, clock).build();
  }

  @AfterEach
  void close() {
    verifier.close();
  }

  @Test
  void verifyWhenServiceAccountTokenThenVerified() {
    TokenVerification result = verifier.verify(issuer.serviceAccount(SA).audience(AUDIENCE).sign());

    assertThat(result.error()).isNull();
    assertThat(result.token().family()).isEqualTo(TokenFamily.Kind.GOOGLE);
    assertThat(result.token().verifiedEmail()).contains(SA);
  }

  @Test
  void verifyWhenOneOfSeveralAudiencesMatchesThenVerified() {
    String token = issuer.user("a@example.com").audience("https://other.example", AUDIENCE).sign();
    assertThat(verifier.verify(token).isVerified()).isTrue();
  }

  @Test
  void verifyWhenAudienceNotConfiguredThenInvalidAudience() {
    String token = issuer.user("a@example.com").audience("https://other.example").sign();
    assertThat(verifier.verify(token).error()).isEqualTo(TokenError.INVALID_AUDIENCE);
  }

  @Test
  void familyWhenAudienceListEmptyThenConfigurationError() {
    assertThatThrownBy(() -> TokenFamily.google(List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("audiences");
  }

  @Test
  void verifyWhenAlgNoneThenAlgorithmNotAllowed() {
    String token = issuer.user("a@example.com").audience(AUDIENCE).signNone();
    assertThat(verifier.verify(token).error()).isEqualTo(TokenError.ALGORITHM_NOT_ALLOWED);
  }

  @Test
  void verifyWhenHs256SignedWithPublicKeyThenAlgorithmNotAllowed() {
    String token = issuer.user("a@example.com").audience(AUDIENCE).signHs256WithPublicKey();
    assertThat(verifier.verify(token).error()).isEqualTo(TokenError.ALGORITHM_NOT_ALLOWED);
  }

  @Test
  void verifyWhenIapTokenSignedRs256ThenAlgorithmNotAllowed() {
    String token = issuer.iap(VerifierFixtures.IAP_AUDIENCE, "a@example.com").signRs256ForIap();
    assertThat(verifier.verify(token).error()).isEqualTo(TokenError.ALGORITHM_NOT_ALLOWED);
  }

  @Test
  void verifyWhenIapTokenClaimsGoogleIssuerThenAlgorithmNotAllowed() {
    String token = issuer.iap(AUDIENCE, "a@example.com").issuer("https://accounts.google.com").sign();
    assertThat(verifier.verify(token).error()).isEqualTo(TokenError.ALGORITHM_NOT_ALLOWED);
  }

  @Test
  void verifyWhenKidMissingThenMissingKeyId() {
    String token = issuer.user("a@example.com").audience(AUDIENCE).withoutKeyId().sign();
    assertThat(verifier.verify(token).error()).isEqualTo(TokenError.MISSING_KEY_ID);
  }

  @Test
  void verifyWhenKidUnknownThenUnknownKeyId() {
    String token = issuer.user("a@example.com").audience(AUDIENCE).keyId("no-such-key").sign();
    assertThat(verifier.verify(token).error()).isEqualTo(TokenError.UNKNOWN_KEY_ID);
  }

  @Test
  void verifyWhenSignatureCorruptedThenInvalidSignature() {
    String token = issuer.user("a@example.com").audience(AUDIENCE).corruptSignature().sign();
    assertThat(verifier.verify(token).error()).isEqualTo(TokenError.INVALID_SIGNATURE);
  }

  @Test
  void verifyWhenEcdsaSignatureAllZeroThenMalformedSignature() {
    String token = issuer.iap(VerifierFixtures.IAP_AUDIENCE, "a@example.com").signEcdsaWithZeroRS();
    assertThat(verifier.verify(token).error()).isEqualTo(TokenError.MALFORMED_SIGNATURE);
  }

  @Test
  void verifyWhenEcdsaRNotBelowCurveOrderThenMalformedSignature() {
    String token = issuer.iap(VerifierFixtures.IAP_AUDIENCE, "a@example.com").sign();
    String forged = VerifierFixtures.withEcdsaR(token, VerifierFixtures.P256_ORDER);
    assertThat(verifier.verify(forged).error()).isEqualTo(TokenError.MALFORMED_SIGNATURE);
  }

  @Test
  void verifyWhenEcdsaSignatureWrongLengthThenMalformedSignature() {
    String token = issuer.iap(VerifierFixtures.IAP_AUDIENCE, "a@example.com").sign();
    String truncated = token.substring(0, token.length() - 4);
    assertThat(verifier.verify(truncated).error()).isEqualTo(TokenError.MALFORMED_SIGNATURE);
  }

  @Test
  void verifyWhenIapAssertionValidThenVerifiedAsIap() {
    TokenVerification result = verifier.verify(
        issuer.iap(VerifierFixtures.IAP_AUDIENCE, "a@example.com").sign());
    assertThat(result.error()).isNull();
    assertThat(result.token().family()).isEqualTo(TokenFamily.Kind.IAP);
    assertThat(result.token().email()).isEqualTo("a@example.com");
  }

  @Test
  void verifyWhenIssuerUnknownThenUnknownIssuer() {
    String token = issuer.user("a@example.com").audience(AUDIENCE).issuer("https://evil.example").sign();
    assertThat(verifier.verify(token).error()).isEqualTo(TokenError.UNKNOWN_ISSUER);
  }

  @Test
  void verifyWhenIssuerWithoutSchemeThenVerified() {
    String token = issuer.user("a@example.com").audience(AUDIENCE).issuer("accounts.google.com").sign();
    assertThat(verifier.verify(token).isVerified()).isTrue();
  }

  @Test
  void verifyWhenExpMissingThenMissingExpiry() {
    String token = issuer.user("a@example.com").audience(AUDIENCE).withoutClaim("exp").sign();
    assertThat(verifier.verify(token).error()).isEqualTo(TokenError.MISSING_EXPIRY);
  }

  @Test
  void verifyWhenExpiredBeyondSkewThenExpired() {
    String token = issuer.user("a@example.com").audience(AUDIENCE).sign();
    clock.advance(Duration.ofHours(1).plusSeconds(61));
    assertThat(verifier.verify(token).error()).isEqualTo(TokenError.EXPIRED);
  }

  @Test
  void verifyWhenNotBeforeBeyondSkewThenNotYetValid() {
    String token = issuer.user("a@example.com").audience(AUDIENCE)
        .notBefore(clock.instant().plusSeconds(120)).sign();
    assertThat(verifier.verify(token).error()).isEqualTo(TokenError.NOT_YET_VALID);
  }

  @Test
  void verifyWhenNotBeforeWithinSkewThenVerified() {
    String token = issuer.user("a@example.com").audience(AUDIENCE)
        .notBefore(clock.instant().plusSeconds(30)).sign();
    assertThat(verifier.verify(token).isVerified()).isTrue();
  }

  @Test
  void verifyWhenIssuedAtBeyondSkewThenIssuedInFuture() {
    Instant future = clock.instant().plusSeconds(120);
    String token = issuer.user("a@example.com").audience(AUDIENCE)
        .issuedAt(future).expiresAt(future.plusSeconds(3600)).sign();
    assertThat(verifier.verify(token).error()).isEqualTo(TokenError.ISSUED_IN_FUTURE);
  }

  @Test
  void verifyWhenSkewRaisedThenFutureIssuedAtWithinItVerified() {
    verifier.close();
    verifier = VerifierFixtures.allFamilies(issuer, clock).allowedClockSkew(Duration.ofSeconds(180)).build();
    Instant future = clock.instant().plusSeconds(120);
    String token = issuer.user("a@example.com").audience(AUDIENCE)
        .issuedAt(future).expiresAt(future.plusSeconds(3600)).sign();
    assertThat(verifier.verify(token).isVerified()).isTrue();
  }

  @Test
  void buildWhenSkewAboveFiveMinutesThenRejected() {
    assertThatThrownBy(() -> VerifierFixtures.allFamilies(issuer, clock)
        .allowedClockSkew(Duration.ofSeconds(301)).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("skew");
  }

  @Test
  void verifyWhenTokenOverSizeLimitThenTooLarge() {
    String token = issuer.user("a@example.com").audience(AUDIENCE).claim("padding", "x".repeat(17_000)).sign();
    assertThat(verifier.verify(token).error()).isEqualTo(TokenError.TOO_LARGE);
  }

  @Test
  void verifyWhenGoogleEmailUnverifiedThenEmailNotVerified() {
    String token = issuer.user("a@example.com").audience(AUDIENCE).emailVerified(false).sign();
    assertThat(verifier.verify(token).error()).isEqualTo(TokenError.EMAIL_NOT_VERIFIED);
  }

  @Test
  void verifyWhenFirebaseEmailUnverifiedThenVerifiedWithoutUsableEmail() {
    String token = issuer.firebase(VerifierFixtures.FIREBASE_PROJECT, "uid-1")
        .claim("email", "a@example.com").emailVerified(false).sign();
    TokenVerification result = verifier.verify(token);
    assertThat(result.error()).isNull();
    assertThat(result.token().family()).isEqualTo(TokenFamily.Kind.FIREBASE);
    assertThat(result.token().subject()).isEqualTo("uid-1");
    assertThat(result.token().verifiedEmail()).isEmpty();
  }

  @Test
  void verifyWhenSignatureRemovedByGoogleThenOwnCodeWithAdvice() {
    String token = issuer.user("a@example.com").audience(AUDIENCE).sign();
    String stripped = token.substring(0, token.lastIndexOf('.') + 1) + "SIGNATURE_REMOVED_BY_GOOGLE";
    TokenVerification result = verifier.verify(stripped);
    assertThat(result.error()).isEqualTo(TokenError.SIGNATURE_REMOVED_BY_GOOGLE);
    assertThat(result.detail()).contains("X-Serverless-Authorization");
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
  void verifyWhenKeyEndpointFailsFromStartThenKeysUnavailableNotInvalid() {
    String token = issuer.user("a@example.com").audience(AUDIENCE).sign();
    issuer.keyEndpointStatus(500);
    try {
      TokenVerification result = verifier.verify(token);
      assertThat(result.error()).isEqualTo(TokenError.KEYS_UNAVAILABLE);
      assertThat(result.error().rfc6750Code()).isNull();
    } finally {
      issuer.keyEndpointStatus(200);
    }
  }

  @Test
  void buildWhenTwoFamiliesClaimOneIssuerThenRejected() {
    assertThatThrownBy(() -> GoogleIdTokenVerifier.builder()
        .family(TokenFamily.google(List.of("a")))
        .family(TokenFamily.google(List.of("b")))
        .build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("accounts.google.com");
  }

  @Test
  void buildWhenNoFamilyThenRejected() {
    assertThatThrownBy(() -> GoogleIdTokenVerifier.builder().build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("family");
  }
}
