package dev.invokerguard.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyEndpointsTest {

  @Test
  void jwksUriWhenFetchedThenServesRsaKeysShapedLikeGoogles() throws Exception {
    try (TestIssuer issuer = TestIssuer.start()) {
      HttpResponse<String> response = Published.get(issuer.jwksUri());

      assertThat(issuer.jwksUri().getHost()).isEqualTo("127.0.0.1");
      assertThat(issuer.jwksUri().getPath()).isEqualTo("/oauth2/v3/certs");
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=UTF-8");
      JWKSet keys = JWKSet.parse(response.body());
      assertThat(keys.getKeys()).hasSize(1);
      JWK key = keys.getKeys().get(0);
      assertThat(key).isInstanceOf(RSAKey.class);
      assertThat(key.isPrivate()).isFalse();
      assertThat(key.getKeyType()).isEqualTo(KeyType.RSA);
      assertThat(key.getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
      assertThat(key.getKeyUse()).isEqualTo(KeyUse.SIGNATURE);
      assertThat(key.getKeyID()).matches("[0-9a-f]{40}");
      assertThat(key.size()).isEqualTo(2048);
      assertThat(((RSAKey) key).getPublicExponent().toString()).isEqualTo("AQAB");
      assertThat(key.toJSONObject()).containsOnlyKeys("kty", "alg", "use", "kid", "n", "e");
    }
  }

  @Test
  void iapJwksUriWhenFetchedThenServesEcP256Keys() throws Exception {
    try (TestIssuer issuer = TestIssuer.start()) {
      JWKSet keys = Published.jwks(issuer.iapJwksUri());

      assertThat(issuer.iapJwksUri().getPath()).isEqualTo("/iap/verify/public_key-jwk");
      assertThat(keys.getKeys()).singleElement().isInstanceOf(ECKey.class);
      ECKey key = (ECKey) keys.getKeys().get(0);
      assertThat(key.getCurve()).isEqualTo(Curve.P_256);
      assertThat(key.getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
      assertThat(key.getKeyUse()).isEqualTo(KeyUse.SIGNATURE);
      assertThat(key.isPrivate()).isFalse();
      assertThat(key.getKeyID()).matches("[A-Za-z0-9]{6}");
    }
  }

  @Test
  void firebaseCertsUriWhenFetchedThenServesSelfSignedCertificatesByKid() throws Exception {
    try (TestIssuer issuer = TestIssuer.start()) {
      HttpResponse<String> response = Published.get(issuer.firebaseCertsUri());
      Map<String, X509Certificate> certificates = Published.certificates(issuer.firebaseCertsUri());

      assertThat(issuer.firebaseCertsUri().getPath())
          .isEqualTo("/robot/v1/metadata/x509/securetoken@system.gserviceaccount.com");
      assertThat(response.body()).contains("\"-----BEGIN CERTIFICATE-----\\n");
      assertThat(certificates).hasSize(1);
      Map.Entry<String, X509Certificate> entry = certificates.entrySet().iterator().next();
      assertThat(entry.getKey()).matches("[0-9a-f]{40}");
      Published.verifySelfSigned(entry.getValue());
      assertThat(entry.getValue().getSubjectX500Principal().getName())
          .isEqualTo("CN=securetoken.system.gserviceaccount.com");
    }
  }

  @Test
  void keySetsWhenFetchedThenEachFamilyHasItsOwnKeys() throws Exception {
    try (TestIssuer issuer = TestIssuer.start()) {
      RSAKey google = (RSAKey) Published.jwks(issuer.jwksUri()).getKeys().get(0);
      X509Certificate firebase =
          Published.certificates(issuer.firebaseCertsUri()).values().iterator().next();

      assertThat(firebase.getPublicKey()).isNotEqualTo(google.toRSAPublicKey());
    }
  }

  @Test
  void rotateKeysWhenCalledThenPublishesPreviousAndCurrentKeysOfEveryFamily() throws Exception {
    try (TestIssuer issuer = TestIssuer.start()) {
      String google = kids(issuer.jwksUri()).get(0);
      String iap = kids(issuer.iapJwksUri()).get(0);
      String firebase = Published.certificates(issuer.firebaseCertsUri()).keySet().iterator().next();

      issuer.rotateKeys();

      assertThat(kids(issuer.jwksUri())).hasSize(2).endsWith(google);
      assertThat(kids(issuer.iapJwksUri())).hasSize(2).endsWith(iap);
      assertThat(Published.certificates(issuer.firebaseCertsUri()).keySet())
          .hasSize(2)
          .endsWith(firebase);
    }
  }

  @Test
  void rotateKeysWhenCalledTwiceThenOldestKeyIsNoLongerPublished() throws Exception {
    try (TestIssuer issuer = TestIssuer.start()) {
      String first = kids(issuer.jwksUri()).get(0);
      issuer.rotateKeys();
      String second = kids(issuer.jwksUri()).get(0);

      issuer.rotateKeys();

      assertThat(kids(issuer.jwksUri())).hasSize(2).contains(second).doesNotContain(first);
    }
  }

  @Test
  void dropOldKeysWhenCalledAfterRotationThenOnlyCurrentKeysArePublished() throws Exception {
    try (TestIssuer issuer = TestIssuer.start()) {
      issuer.rotateKeys();
      String current = kids(issuer.jwksUri()).get(0);

      issuer.dropOldKeys();

      assertThat(kids(issuer.jwksUri())).containsExactly(current);
      assertThat(kids(issuer.iapJwksUri())).hasSize(1);
      assertThat(Published.certificates(issuer.firebaseCertsUri())).hasSize(1);
    }
  }

  @Test
  void keyEndpointStatusWhenSetThenEveryEndpointAnswersItUntilRestored() throws Exception {
    try (TestIssuer issuer = TestIssuer.start()) {
      issuer.keyEndpointStatus(503);

      assertThat(Published.get(issuer.jwksUri()).statusCode()).isEqualTo(503);
      assertThat(Published.get(issuer.firebaseCertsUri()).statusCode()).isEqualTo(503);
      assertThat(Published.get(issuer.iapJwksUri()).statusCode()).isEqualTo(503);
      assertThat(Published.get(issuer.jwksUri()).headers().firstValue("Cache-Control")).isEmpty();

      issuer.keyEndpointStatus(200);

      assertThat(Published.jwks(issuer.jwksUri()).getKeys()).hasSize(1);
    }
  }

  @Test
  void keyEndpointStatusWhenOutOfRangeThenRejected() {
    try (TestIssuer issuer = TestIssuer.start()) {
      assertThatThrownBy(() -> issuer.keyEndpointStatus(99)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void keyEndpointDelayWhenLongerThanClientTimeoutThenRequestTimesOut() throws Exception {
    try (TestIssuer issuer = TestIssuer.start()) {
      issuer.keyEndpointDelay(Duration.ofSeconds(5));

      assertThatThrownBy(() -> Published.get(issuer.jwksUri(), Duration.ofMillis(300)))
          .isInstanceOf(HttpTimeoutException.class);

      issuer.keyEndpointDelay(Duration.ZERO);
      assertThat(Published.get(issuer.jwksUri(), Duration.ofSeconds(5)).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void keyEndpointDelayWhenSetThenAnswerComesAfterIt() throws Exception {
    try (TestIssuer issuer = TestIssuer.start()) {
      Published.get(issuer.iapJwksUri());
      issuer.keyEndpointDelay(Duration.ofMillis(400));

      long start = System.nanoTime();
      int status = Published.get(issuer.iapJwksUri()).statusCode();

      assertThat(status).isEqualTo(200);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    }
  }

  @Test
  void keyRequestsWhenEndpointsAreFetchedThenCountsEveryKeyRequestWhateverTheAnswer()
      throws Exception {
    try (TestIssuer issuer = TestIssuer.start()) {
      assertThat(issuer.keyRequests()).isZero();

      Published.get(issuer.jwksUri());
      Published.get(issuer.iapJwksUri());
      Published.get(issuer.firebaseCertsUri());
      issuer.keyEndpointStatus(500);
      Published.get(issuer.jwksUri());
      Published.get(issuer.jwksUri().resolve("/not-a-key-endpoint"));

      assertThat(issuer.keyRequests()).isEqualTo(4);
    }
  }

  @Test
  void unknownPathWhenFetchedThenNotFound() throws Exception {
    try (TestIssuer issuer = TestIssuer.start()) {
      assertThat(Published.get(issuer.jwksUri().resolve("/oauth2/v3/certs/extra")).statusCode())
          .isEqualTo(404);
    }
  }

  @Test
  void cacheMaxAgeWhenDefaultThenOneHourInGooglesCacheControlWithoutAge() throws Exception {
    try (TestIssuer issuer = TestIssuer.start()) {
      HttpResponse<String> response = Published.get(issuer.jwksUri());

      assertThat(issuer.cacheMaxAge()).isEqualTo(Duration.ofHours(1));
      assertThat(response.headers().firstValue("Cache-Control"))
          .hasValue("public, max-age=3600, must-revalidate, no-transform");
      assertThat(response.headers().firstValue("Age")).isEmpty();
    }
  }

  @Test
  void cacheMaxAgeWhenSetThenEveryEndpointSendsIt() throws Exception {
    try (TestIssuer issuer = TestIssuer.start()) {
      issuer.cacheMaxAge(Duration.ofSeconds(42));

      assertThat(issuer.cacheMaxAge()).isEqualTo(Duration.ofSeconds(42));
      for (URI uri : List.of(issuer.jwksUri(), issuer.firebaseCertsUri(), issuer.iapJwksUri())) {
        assertThat(Published.get(uri).headers().firstValue("Cache-Control"))
            .hasValue("public, max-age=42, must-revalidate, no-transform");
      }
    }
  }

  @Test
  void closeWhenCalledThenEndpointStopsListeningAndSecondCloseIsHarmless() throws Exception {
    TestIssuer issuer = TestIssuer.start();
    URI uri = issuer.jwksUri();

    issuer.close();
    issuer.close();

    assertThatThrownBy(() -> Published.get(uri)).isInstanceOf(ConnectException.class);
  }

  private static List<String> kids(URI uri) throws Exception {
    return Published.jwks(uri).getKeys().stream().map(JWK::getKeyID).toList();
  }
}
