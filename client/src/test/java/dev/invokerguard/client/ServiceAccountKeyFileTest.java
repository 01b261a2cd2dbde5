package dev.invokerguard.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.invokerguard.testing.TestIssuer;
import java.io.ByteArrayInputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A service account key file (what {@code GOOGLE_APPLICATION_CREDENTIALS} names), read by Google Auth
 * Library as Application Default Credentials read it: the library signs a JWT assertion with the
 * file's private key and sends it to the file's {@code token_uri}, here a loopback token endpoint that
 * checks the assertion with the file's public key before answering an {@code id_token} signed by a
 * {@link TestIssuer}.
 */
class ServiceAccountKeyFileTest {
  private static final String SA = "frontend@my-project.iam.gserviceaccount.com";
  private static final String AUDIENCE = "https://backend-abc-uc.a.run.app";
  private static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";

  private KeyPair key;
  private TestIssuer issuer;
  private LoopbackEndpoint tokenEndpoint;

  @BeforeEach
  void start() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    key = generator.generateKeyPair();
    issuer = TestIssuer.start();
    tokenEndpoint = LoopbackEndpoint.start(this::answer);
  }

  @AfterEach
  void stop() {
    tokenEndpoint.close();
    issuer.close();
  }

  /** Google's OAuth 2.0 token endpoint for service accounts (RFC 7523 JWT bearer grant). */
  private LoopbackEndpoint.Answer answer(LoopbackEndpoint.Received request) {
    Map<String, String> form = form(request.body());
    if (!JWT_BEARER.equals(form.get("grant_type"))) {
      return new LoopbackEndpoint.Answer(400, "{\"error\":\"unsupported_grant_type\"}");
    }
    try {
      SignedJWT assertion = SignedJWT.parse(form.get("assertion"));
      if (!assertion.verify(new RSASSAVerifier((RSAPublicKey) key.getPublic()))) {
        return new LoopbackEndpoint.Answer(400, "{\"error\":\"invalid_grant\"}");
      }
      JWTClaimsSet claims = assertion.getJWTClaimsSet();
      if (!SA.equals(claims.getIssuer())
          || !claims.getAudience().contains(tokenUri())
          || claims.getStringClaim("target_audience") == null) {
        return new LoopbackEndpoint.Answer(400, "{\"error\":\"invalid_grant\"}");
      }
      String idToken =
          issuer.serviceAccount(SA).audience(claims.getStringClaim("target_audience")).sign();
      return new LoopbackEndpoint.Answer(200, "{\"id_token\":\"" + idToken + "\"}");
    } catch (Exception e) {
      return new LoopbackEndpoint.Answer(400, "{\"error\":\"invalid_request\"}");
    }
  }

  private static Map<String, String> form(String body) {
    Map<String, String> form = new HashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        form.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return form;
  }

  private String tokenUri() {
    return tokenEndpoint.base() + "/token";
  }

  private GoogleCredentials keyFile(KeyPair signingKey) throws Exception {
    String pem =
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(signingKey.getPrivate().getEncoded())
            + "\n-----END PRIVATE KEY-----\n";
    String json =
        "{\"type\":\"service_account\",\"project_id\":\"my-project\",\"private_key_id\":\"k1\","
            + "\"private_key\":\"" + pem.replace("\n", "\\n") + "\","
            + "\"client_email\":\"" + SA + "\",\"client_id\":\"1234567890\","
            + "\"token_uri\":\"" + tokenUri() + "\"}";
    return GoogleCredentials.fromStream(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void tokenWhenServiceAccountKeyFileThenIdTokenFromItsTokenUriForTheAudience() throws Exception {
    GoogleCredentials credentials = keyFile(key);
    GoogleIdTokenSource source = GoogleIdTokenSource.builder(AUDIENCE).credentials(credentials).build();

    String token = source.token();

    assertThat(credentials).isInstanceOf(ServiceAccountCredentials.class);
    JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
    assertThat(claims.getAudience()).containsExactly(AUDIENCE);
    assertThat(claims.getStringClaim("email")).isEqualTo(SA);
    assertThat(tokenEndpoint.received()).hasSize(1);
    assertThat(tokenEndpoint.received().get(0).path()).isEqualTo("/token");
    assertThat(source.token()).as("cached").isEqualTo(token);
    assertThat(tokenEndpoint.received()).hasSize(1);
  }

  @Test
  void tokenWhenAssertionSignedByAnotherKeyThenClearErrorAndNoToken() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    GoogleIdTokenSource source =
        GoogleIdTokenSource.builder(AUDIENCE).credentials(keyFile(generator.generateKeyPair())).build();

    assertThatThrownBy(source::token)
        .isInstanceOf(OutboundTokenException.class)
        .hasMessageContaining("cannot mint an ID token for " + AUDIENCE)
        .extracting(e -> ((OutboundTokenException) e).code())
        .isEqualTo(OutboundErrorCode.MINT_FAILED);
    assertThat(tokenEndpoint.received()).isNotEmpty();
  }
}
