package dev.invokerguard.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@WithTestIssuer
class TokenShapesTest {
  private static final Instant NOW = Instant.parse("2031-03-04T05:06:07Z");
  private final TestIssuer issuer;

  TokenShapesTest(TestIssuer issuer) {
    this.issuer = issuer;
  }

  @Test
  void userWhenSignedThenVerifiesWithServedJwksAndHasGoogleUserClaims() throws Exception {
    String token = issuer.user("Ada@Example.com").sign();

    assertThat(Published.verifies(token, Published.jwks(issuer.jwksUri()))).isTrue();
    SignedJWT jwt = SignedJWT.parse(token);
    assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
    assertThat(jwt.getHeader().toJSONObject()).containsOnlyKeys("alg", "kid", "typ");
    JWTClaimsSet claims = jwt.getJWTClaimsSet();
    assertThat(claims.getIssuer()).isEqualTo("https://accounts.google.com");
    assertThat(payload(token).get("aud")).isEqualTo("https://example.test");
    assertThat(claims.getStringClaim("azp")).endsWith(".apps.googleusercontent.com");
    assertThat(claims.getSubject()).matches("1[0-9]{20}");
    assertThat(claims.getStringClaim("email")).isEqualTo("Ada@Example.com");
    assertThat(claims.getBooleanClaim("email_verified")).isTrue();
    assertThat(claims.getClaims()).doesNotContainKeys("hd", "nbf");
    assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
        .isEqualTo(Duration.ofHours(1));
  }

  @Test
  void userWhenSameEmailInOtherCaseThenSameSubject() throws Exception {
    String sub = subject(issuer.user("ada@example.com").sign());

    assertThat(subject(issuer.user("ADA@example.com").sign())).isEqualTo(sub);
    assertThat(subject(issuer.user("bob@example.com").sign())).isNotEqualTo(sub);
  }

  @Test
  void userWhenHostedDomainSetThenHasHd() throws Exception {
    JWTClaimsSet claims = claims(issuer.user("ada@corp.example").hostedDomain("corp.example").sign());

    assertThat(claims.getStringClaim("hd")).isEqualTo("corp.example");
  }

  @Test
  void serviceAccountWhenSignedThenVerifiesAndAzpIsTheEmail() throws Exception {
    String email = "caller@project.iam.gserviceaccount.com";

    String token = issuer.serviceAccount(email).sign();

    assertThat(Published.verifies(token, Published.jwks(issuer.jwksUri()))).isTrue();
    JWTClaimsSet claims = claims(token);
    assertThat(claims.getIssuer()).isEqualTo("https://accounts.google.com");
    assertThat(claims.getStringClaim("azp")).isEqualTo(email);
    assertThat(claims.getStringClaim("email")).isEqualTo(email);
    assertThat(claims.getBooleanClaim("email_verified")).isTrue();
    assertThat(claims.getSubject()).matches("1[0-9]{20}");
  }

  @Test
  void metadataServerDefaultWhenSignedThenHasNoEmailAndAzpEqualsSub() throws Exception {
    String token = issuer.metadataServerDefault("104567890123456789012").sign();

    assertThat(Published.verifies(token, Published.jwks(issuer.jwksUri()))).isTrue();
    JWTClaimsSet claims = claims(token);
    assertThat(claims.getClaims()).containsOnlyKeys("iss", "azp", "aud", "sub", "iat", "exp");
    assertThat(claims.getStringClaim("azp")).isEqualTo("104567890123456789012");
    assertThat(claims.getSubject()).isEqualTo("104567890123456789012");
  }

  @Test
  void firebaseWhenSignedThenVerifiesWithServedCertificateAndNotWithGoogleKeys() throws Exception {
    String token = issuer.firebase("my-project", "uid-123").sign();

    assertThat(Published.verifies(token, Published.certificates(issuer.firebaseCertsUri()))).isTrue();
    assertThat(Published.verifies(token, Published.jwks(issuer.jwksUri()))).isFalse();
  }

  @Test
  void firebaseWhenSignedThenHasSecureTokenClaims() throws Exception {
    String token = issuer.firebase("my-project", "uid-123").sign();
    JWTClaimsSet claims = claims(token);

    assertThat(claims.getIssuer()).isEqualTo("https://securetoken.google.com/my-project");
    assertThat(payload(token).get("aud")).isEqualTo("my-project");
    assertThat(claims.getSubject()).isEqualTo("uid-123");
    assertThat(claims.getStringClaim("user_id")).isEqualTo("uid-123");
    assertThat(claims.getLongClaim("auth_time")).isEqualTo(claims.getIssueTime().toInstant().getEpochSecond());
    assertThat(claims.getJSONObjectClaim("firebase"))
        .containsEntry("sign_in_provider", "custom")
        .containsEntry("identities", Map.of());
    assertThat(claims.getClaims()).doesNotContainKey("email");
  }

  @Test
  void firebaseWhenTenantAndProviderSetThenFirebaseClaimHoldsThemAndKeepsIdentities() throws Exception {
    String token = issuer.firebase("my-project", "uid-123").firebaseTenant("tenant-a1")
        .signInProvider("anonymous").sign();

    assertThat(claims(token).getJSONObjectClaim("firebase"))
        .containsEntry("tenant", "tenant-a1")
        .containsEntry("sign_in_provider", "anonymous")
        .containsEntry("identities", Map.of());
  }

  @Test
  void iapWhenSignedThenVerifiesWithServedEcKeyAndHasIapClaims() throws Exception {
    String audience = "/projects/123456/global/backendServices/789";

    String token = issuer.iap(audience, "ada@corp.example").hostedDomain("corp.example").sign();

    assertThat(Published.verifies(token, Published.jwks(issuer.iapJwksUri()))).isTrue();
    SignedJWT jwt = SignedJWT.parse(token);
    assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
    assertThat(jwt.getSignature().decode()).hasSize(64);
    JWTClaimsSet claims = jwt.getJWTClaimsSet();
    assertThat(claims.getIssuer()).isEqualTo("https://cloud.google.com/iap");
    assertThat(payload(token).get("aud")).isEqualTo(audience);
    assertThat(claims.getStringClaim("email")).isEqualTo("ada@corp.example");
    assertThat(claims.getSubject()).matches("accounts\\.google\\.com:1[0-9]{20}");
    assertThat(claims.getStringClaim("hd")).isEqualTo("corp.example");
    assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
        .isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void iapWhenSignedThenGoogleKeysDoNotVerifyIt() throws Exception {
    String token = issuer.iap("/projects/1/global/backendServices/2", "ada@corp.example").sign();

    assertThat(Published.verifies(token, Published.jwks(issuer.jwksUri()))).isFalse();
  }

  @Test
  void signWhenIssuerHasClockThenTimesComeFromIt() throws Exception {
    MutableClock clock = MutableClock.at(NOW);
    try (TestIssuer clocked = TestIssuer.start(clock)) {
      TokenBuilder builder = clocked.serviceAccount("a@p.iam.gserviceaccount.com");
      JWTClaimsSet first = claims(builder.sign());
      clock.advance(Duration.ofMinutes(5));
      JWTClaimsSet second = claims(builder.sign());

      assertThat(first.getIssueTime().toInstant()).isEqualTo(NOW);
      assertThat(first.getExpirationTime().toInstant()).isEqualTo(NOW.plus(Duration.ofHours(1)));
      assertThat(second.getIssueTime().toInstant()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
    }
  }

  @Test
  void signWhenKeysRotatedThenNewKeySignsAndOldTokenStillVerifies() throws Exception {
    try (TestIssuer rotating = TestIssuer.start()) {
      String before = rotating.user("ada@example.com").sign();
      rotating.rotateKeys();
      String after = rotating.user("ada@example.com").sign();

      assertThat(kid(after)).isNotEqualTo(kid(before));
      assertThat(Published.verifies(before, Published.jwks(rotating.jwksUri()))).isTrue();
      assertThat(Published.verifies(after, Published.jwks(rotating.jwksUri()))).isTrue();

      rotating.dropOldKeys();

      assertThat(Published.verifies(before, Published.jwks(rotating.jwksUri()))).isFalse();
      assertThat(Published.verifies(after, Published.jwks(rotating.jwksUri()))).isTrue();
    }
  }

  static JWTClaimsSet claims(String token) throws Exception {
    return SignedJWT.parse(token).getJWTClaimsSet();
  }

  /** The payload as JSON, with {@code aud} as it was written (string or array). */
  static Map<String, Object> payload(String token) throws Exception {
    return SignedJWT.parse(token).getPayload().toJSONObject();
  }

  static String kid(String token) throws Exception {
    return SignedJWT.parse(token).getHeader().getKeyID();
  }

  private static String subject(String token) throws Exception {
    return claims(token).getSubject();
  }

  static List<String> audience(String token) throws Exception {
    return claims(token).getAudience();
  }

  static JWSHeader header(String token) throws Exception {
    return SignedJWT.parse(token).getHeader();
  }
}
