package dev.invokerguard.benchmarks;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * A Google-shaped issuer with a JWK set of three RSA-2048 keys (Google publishes two or three), served
 * on loopback, and service-account ID tokens signed by the middle one.
 */
final class ThreeKeyIssuer implements AutoCloseable {
  final JWKSet keys;
  final RSAKey signingKey;
  private final HttpServer server;

  ThreeKeyIssuer() throws JOSEException, IOException {
    List<com.nimbusds.jose.jwk.JWK> generated = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      generated.add(new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
          .keyID("bench-key-" + i + "-0123456789abcdef0123456789abcdef").generate());
    }
    signingKey = generated.get(1).toRSAKey();
    keys = new JWKSet(generated).toPublicJWKSet();
    byte[] body = keys.toString().getBytes(StandardCharsets.UTF_8);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/oauth2/v3/certs", exchange -> {
      exchange.getResponseHeaders().add("Content-Type", "application/json; charset=UTF-8");
      exchange.getResponseHeaders().add("Cache-Control", "public, max-age=21600, must-revalidate, no-transform");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
  }

  URI jwksUri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/oauth2/v3/certs");
  }

  /** A token shaped like one Google mints for a service account (about 900 characters). */
  String serviceAccountToken(String email, String audience) throws JOSEException {
    Instant now = Instant.now();
    JWTClaimsSet claims = new JWTClaimsSet.Builder()
        .audience(audience)
        .claim("azp", "112233445566778899001")
        .claim("email", email)
        .claim("email_verified", true)
        .expirationTime(Date.from(now.plusSeconds(3600)))
        .issueTime(Date.from(now))
        .issuer("https://accounts.google.com")
        .subject("112233445566778899001")
        .build();
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256)
        .keyID(signingKey.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
    jwt.sign(new RSASSASigner(signingKey));
    return jwt.serialize();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
