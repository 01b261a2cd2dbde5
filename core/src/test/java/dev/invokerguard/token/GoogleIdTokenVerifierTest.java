package dev.invokerguard.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invokerguard.testing.MutableClock;
import dev.invokerguard.testing.TestIssuer;
import dev.invokerguard.testing.WithTestIssuer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

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
  void verifyWhenAudienceArrayAlsoNamesAnUntrustedAudienceThenInvalidAudience() {
    String token = issuer.user("a@example.com").audience(AUDIENCE, "https://other.example").sign();
    assertThat(verifier.verify(token).error()).isEqualTo(TokenError.INVALID_AUDIENCE);
  }

  @Test
  void verifyWhenEveryAudienceOfArrayTrustedThenVerified() {
    String second = "https://hello.example.com";
    try (GoogleIdTokenVerifier both = GoogleIdTokenVerifier.builder().clock(clock)
        .family(TokenFamily.google(List.of(AUDIENCE, second)).withKeySetUri(issuer.jwksUri())).build()) {
      TokenVerification result = both.verify(issuer.user("a@example.com").audience(second, AUDIENCE).sign());

      assertThat(result.isVerified()).isTrue();
      assertThat(result.token().audience()).containsExactly(second, AUDIENCE);
      assertThat(both.verify(issuer.user("a@example.com").audience(AUDIENCE, second, "https://x.example").sign())
          .error()).isEqualTo(TokenError.INVALID_AUDIENCE);
    }
  }

  @Test
  void verifyWhenAudienceArrayEmptyThenInvalidAudience() {
    String token = issuer.user("a@example.com").audience().sign();
    assertThat(verifier.verify(token).error()).isEqualTo(TokenError.INVALID_AUDIENCE);
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
    int dot = token.lastIndexOf('.');
    byte[] signature = java.util.Base64.getUrlDecoder().decode(token.substring(dot + 1));
    String truncated = token.substring(0, dot + 1) + java.util.Base64.getUrlEncoder().withoutPadding()
        .encodeToString(java.util.Arrays.copyOf(signature, signature.length - 3));
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
