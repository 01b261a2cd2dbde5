package dev.invokerguard.testing;

import static dev.invokerguard.testing.TokenShapesTest.claims;
import static dev.invokerguard.testing.TokenShapesTest.header;
import static dev.invokerguard.testing.TokenShapesTest.kid;
import static dev.invokerguard.testing.TokenShapesTest.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.SignedJWT;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@WithTestIssuer
class TokenBuilderTest {
  private static final Instant T = Instant.parse("2032-01-01T00:00:00Z");
  private final TestIssuer issuer;

  TokenBuilderTest(TestIssuer issuer) {
    this.issuer = issuer;
  }

  @Test
  void audienceWhenOneValueThenStringClaim() throws Exception {
    String token = issuer.user("a@example.com").audience("https://svc.example").sign();

    assertThat(payload(token).get("aud")).isEqualTo("https://svc.example");
  }

  @Test
  void audienceWhenSeveralValuesThenArrayClaim() throws Exception {
    String token = issuer.user("a@example.com").audience("https://a.example", "b").sign();

    assertThat(payload(token).get("aud")).isEqualTo(List.of("https://a.example", "b"));
  }

  @Test
  void issuerWhenSetThenReplacesDefault() throws Exception {
    assertThat(claims(issuer.user("a@example.com").issuer("accounts.google.com").sign()).getIssuer())
        .isEqualTo("accounts.google.com");
  }

  @Test
  void emailVerifiedWhenFalseThenClaimFalse() throws Exception {
    assertThat(claims(issuer.user("a@example.com").emailVerified(false).sign()).getBooleanClaim("email_verified"))
        .isFalse();
  }

  @Test
  void issuedAtWhenSetThenExpiryFollowsIt() throws Exception {
    var claims = claims(issuer.user("a@example.com").issuedAt(T).sign());

    assertThat(claims.getIssueTime().toInstant()).isEqualTo(T);
    assertThat(claims.getExpirationTime().toInstant()).isEqualTo(T.plus(Duration.ofHours(1)));
  }

  @Test
  void expiresAtAndNotBeforeWhenSetThenWrittenAsEpochSeconds() throws Exception {
    String token =
        issuer.user("a@example.com").issuedAt(T).notBefore(T.plusSeconds(30)).expiresAt(T.plusSeconds(90)).sign();

    assertThat(payload(token))
        .containsEntry("iat", T.getEpochSecond())
        .containsEntry("nbf", T.plusSeconds(30).getEpochSecond())
        .containsEntry("exp", T.plusSeconds(90).getEpochSecond());
  }

  @Test
  void expiresInWhenNegativeThenAlreadyExpired() throws Exception {
    var claims = claims(issuer.user("a@example.com").issuedAt(T).expiresIn(Duration.ofMinutes(-1)).sign());

    assertThat(claims.getExpirationTime().toInstant()).isEqualTo(T.minus(Duration.ofMinutes(1)));
  }

  @Test
  void claimWhenSetThenOverridesDefaultAndAcceptsStructuredValues() throws Exception {
    String token =
        issuer
            .user("a@example.com")
            .claim("email", "b@example.com")
            .claim("exp", T)
            .claim("groups", List.of("x", "y"))
            .claim("google", Map.of("compute_engine", Map.of("project_id", "p")))
            .claim("nothing", null)
            .sign();

    assertThat(payload(token))
        .containsEntry("email", "b@example.com")
        .containsEntry("exp", T.getEpochSecond())
        .containsEntry("groups", List.of("x", "y"))
        .containsEntry("google", Map.of("compute_engine", Map.of("project_id", "p")))
        .containsEntry("nothing", null);
  }

  @Test
  void claimWhenValueTypeUnsupportedThenRejected() {
    assertThatThrownBy(() -> issuer.user("a@example.com").claim("x", new Object()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void withoutClaimWhenDefaultThenAbsent() throws Exception {
    String token = issuer.user("a@example.com").withoutClaim("exp").withoutClaim("email").sign();

    assertThat(payload(token)).doesNotContainKeys("exp", "email").containsKeys("iat", "sub");
  }

  @Test
  void withoutClaimWhenFollowedByClaimThenLastCallWins() throws Exception {
    String token = issuer.user("a@example.com").withoutClaim("email").claim("email", "c@example.com").sign();

    assertThat(payload(token)).containsEntry("email", "c@example.com");
  }

  @Test
  void keyIdWhenSetThenHeaderCarriesItAndPublishedKeysDoNotMatch() throws Exception {
    String token = issuer.user("a@example.com").keyId("unknown-kid").sign();

    assertThat(kid(token)).isEqualTo("unknown-kid");
    assertThat(Published.verifies(token, Published.jwks(issuer.jwksUri()))).isFalse();
  }

  @Test
  void withoutKeyIdWhenSignedThenHeaderHasNoKid() throws Exception {
    String token = issuer.user("a@example.com").withoutKeyId().sign();

    assertThat(header(token).toJSONObject()).doesNotContainKey("kid").containsKeys("alg", "typ");
    RSAKey key = (RSAKey) Published.jwks(issuer.jwksUri()).getKeys().get(0);
    assertThat(SignedJWT.parse(token).verify(new RSASSAVerifier(key))).isTrue();
  }

  @Test
  void headerWhenSetThenAppearsInSignedHeader() throws Exception {
    JWK attackerKey = Published.jwks(issuer.iapJwksUri()).getKeys().get(0);

    String token =
        issuer
            .user("a@example.com")
            .header("jku", "https://attacker.example/keys")
            .header("x5u", "https://attacker.example/cert")
            .header("jwk", attackerKey)
            .sign();

    var header = header(token);
    assertThat(header.getJWKURL()).hasToString("https://attacker.example/keys");
    assertThat(header.getX509CertURL()).hasToString("https://attacker.example/cert");
    assertThat(header.getJWK()).isEqualTo(attackerKey);
    assertThat(Published.verifies(token, Published.jwks(issuer.jwksUri()))).isTrue();
  }

  @Test
  void signedWithUnpublishedKeyWhenVerifiedThenNoPublishedKeyMatches() throws Exception {
    String token = issuer.user("a@example.com").signedWithUnpublishedKey().sign();
    JWKSet keys = Published.jwks(issuer.jwksUri());

    assertThat(kid(token)).matches("[0-9a-f]{40}");
    assertThat(keys.getKeyByKeyId(kid(token))).isNull();
    for (JWK key : keys.getKeys()) {
      assertThat(SignedJWT.parse(token).verify(new RSASSAVerifier((RSAKey) key))).isFalse();
    }
  }

  @Test
  void signedWithUnpublishedKeyWhenIapThenShortKidNotPublished() throws Exception {
    String token = issuer.iap("/projects/1/apps/p", "a@example.com").signedWithUnpublishedKey().sign();

    assertThat(kid(token)).matches("[A-Za-z0-9]{6}");
    assertThat(Published.jwks(issuer.iapJwksUri()).getKeyByKeyId(kid(token))).isNull();
  }

  @Test
  void corruptSignatureWhenVerifiedThenFailsForEveryFamily() throws Exception {
    String google = issuer.user("a@example.com").corruptSignature().sign();
    String firebase = issuer.firebase("p", "u").corruptSignature().sign();
    String iap = issuer.iap("/projects/1/apps/p", "a@example.com").corruptSignature().sign();

    assertThat(Published.verifies(google, Published.jwks(issuer.jwksUri()))).isFalse();
    assertThat(Published.verifies(firebase, Published.certificates(issuer.firebaseCertsUri()))).isFalse();
    assertThat(Published.verifies(iap, Published.jwks(issuer.iapJwksUri()))).isFalse();
    assertThat(kid(google)).isEqualTo(Published.jwks(issuer.jwksUri()).getKeys().get(0).getKeyID());
  }

  @Test
  void signNoneWhenSignedThenAlgNoneAndEmptySignature() throws Exception {
    String token = issuer.user("a@example.com").signNone();

    assertThat(token).endsWith(".").matches("[^.]+\\.[^.]+\\.");
    assertThat(new Base64URL(token.split("\\.")[0]).decodeToString()).contains("\"alg\":\"none\"");
    assertThat(unsecuredPayload(token)).containsEntry("email", "a@example.com");
  }

  @Test
  void signHs256WithPublicKeyWhenCheckedWithDerPublicKeyAsSecretThenMacMatches() throws Exception {
    String token = issuer.user("a@example.com").signHs256WithPublicKey();
    RSAKey key = (RSAKey) Published.jwks(issuer.jwksUri()).getKeys().get(0);

    SignedJWT jwt = SignedJWT.parse(token);
    assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
    assertThat(jwt.getHeader().getKeyID()).isEqualTo(key.getKeyID());
    assertThat(jwt.verify(new MACVerifier(key.toRSAPublicKey().getEncoded()))).isTrue();
  }

  @Test
  void signHs256WithPublicKeyWhenFirebaseThenSecretIsTheCertifiedKey() throws Exception {
    String token = issuer.firebase("p", "u").signHs256WithPublicKey();
    X509Certificate certificate = Published.certificates(issuer.firebaseCertsUri()).get(kid(token));

    assertThat(SignedJWT.parse(token).verify(new MACVerifier(certificate.getPublicKey().getEncoded())))
        .isTrue();
  }

  @Test
  void signRs256ForIapWhenSignedThenGoogleRsaKeySignsUnderIapKid() throws Exception {
    String token = issuer.iap("/projects/1/apps/p", "a@example.com").signRs256ForIap();
    RSAKey google = (RSAKey) Published.jwks(issuer.jwksUri()).getKeys().get(0);

    SignedJWT jwt = SignedJWT.parse(token);
    assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
    assertThat(Published.jwks(issuer.iapJwksUri()).getKeyByKeyId(kid(token))).isNotNull();
    assertThat(jwt.verify(new RSASSAVerifier(google))).isTrue();
    assertThat(claims(token).getIssuer()).isEqualTo("https://cloud.google.com/iap");
  }

  @Test
  void signRs256ForIapWhenNotIapThenRejected() {
    assertThatThrownBy(() -> issuer.user("a@example.com").signRs256ForIap())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void signEcdsaWithZeroRSWhenSignedThenSignatureIs64ZeroBytes() throws Exception {
    String token = issuer.iap("/projects/1/apps/p", "a@example.com").signEcdsaWithZeroRS();

    SignedJWT jwt = SignedJWT.parse(token);
    assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
    assertThat(jwt.getSignature().decode()).hasSize(64).containsOnly(0);
    assertThat(Published.verifies(token, Published.jwks(issuer.iapJwksUri()))).isFalse();
  }

  @Test
  void signEcdsaWithZeroRSWhenNotIapThenRejected() {
    assertThatThrownBy(() -> issuer.firebase("p", "u").signEcdsaWithZeroRS())
        .isInstanceOf(IllegalStateException.class);
  }

  private static Map<String, Object> unsecuredPayload(String unsecured) throws Exception {
    return JSONObjectUtils.parse(
        new Base64URL(unsecured.split("\\.")[1]).decodeToString());
  }
}
