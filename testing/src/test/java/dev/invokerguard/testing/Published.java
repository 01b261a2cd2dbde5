package dev.invokerguard.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.SignedJWT;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads what a {@link TestIssuer} publishes over real HTTP and verifies tokens with Nimbus. */
final class Published {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();

  private Published() {}

  static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
    return get(uri, Duration.ofSeconds(10));
  }

  static HttpResponse<String> get(URI uri, Duration timeout)
      throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
    return CLIENT.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  static JWKSet jwks(URI uri) throws Exception {
    HttpResponse<String> response = get(uri);
    if (response.statusCode() != 200) {
      throw new IOException("status " + response.statusCode());
    }
    return JWKSet.parse(response.body());
  }

  /** Key id to certificate, from a Firebase-style PEM map. */
  static Map<String, X509Certificate> certificates(URI uri) throws Exception {
    HttpResponse<String> response = get(uri);
    Map<String, Object> json = JSONObjectUtils.parse(response.body());
    CertificateFactory factory = CertificateFactory.getInstance("X.509");
    Map<String, X509Certificate> certificates = new LinkedHashMap<>();
    for (Map.Entry<String, Object> entry : json.entrySet()) {
      byte[] pem = ((String) entry.getValue()).getBytes(StandardCharsets.US_ASCII);
      certificates.put(
          entry.getKey(),
          (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(pem)));
    }
    return certificates;
  }

  /** True if the token's signature verifies with the key of its kid in {@code keys}. */
  static boolean verifies(String token, JWKSet keys) throws ParseException, JOSEException {
    SignedJWT jwt = SignedJWT.parse(token);
    JWK key = keys.getKeyByKeyId(jwt.getHeader().getKeyID());
    if (key == null) {
      return false;
    }
    JWSVerifier verifier =
        key instanceof ECKey ec ? new ECDSAVerifier(ec) : new RSASSAVerifier((RSAKey) key);
    return jwt.verify(verifier);
  }

  /** True if the token's signature verifies with the certificate of its kid. */
  static boolean verifies(String token, Map<String, X509Certificate> certificates)
      throws ParseException, JOSEException {
    SignedJWT jwt = SignedJWT.parse(token);
    X509Certificate certificate = certificates.get(jwt.getHeader().getKeyID());
    if (certificate == null) {
      return false;
    }
    return jwt.verify(new RSASSAVerifier((RSAPublicKey) certificate.getPublicKey()));
  }

  static void verifySelfSigned(X509Certificate certificate) throws GeneralSecurityException {
    certificate.checkValidity();
    certificate.verify(certificate.getPublicKey());
  }
}
