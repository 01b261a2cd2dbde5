package dev.invokerguard.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FakeMetadataServerTest {
  private static final String SA = "frontend@my-project.iam.gserviceaccount.com";
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static HttpResponse<String> get(URI uri, boolean flavor) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
    if (flavor) {
      request.header("Metadata-Flavor", "Google");
    }
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static URI identity(FakeMetadataServer server, String query) {
    return URI.create(server.uri() + FakeMetadataServer.IDENTITY_PATH + "?" + query);
  }

  @Test
  void identityWhenFormatFullThenTokenWithEmailForTheAudienceSignedByTheIssuer() throws Exception {
    try (TestIssuer issuer = TestIssuer.start();
        FakeMetadataServer server = FakeMetadataServer.start(issuer, SA)) {
      HttpResponse<String> response =
          get(identity(server, "audience=https%3A%2F%2Fbackend.example&format=full"), true);

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Metadata-Flavor")).hasValue("Google");
      assertThat(Published.verifies(response.body(), Published.jwks(issuer.jwksUri()))).isTrue();
      Map<String, Object> claims = SignedJWT.parse(response.body()).getJWTClaimsSet().getClaims();
      assertThat(claims).containsEntry("aud", java.util.List.of("https://backend.example")).containsEntry("email", SA);
      assertThat(server.identityRequests()).isEqualTo(1);
      assertThat(server.audiences()).containsExactly("https://backend.example");
    }
  }

  @Test
  void identityWhenDefaultFormatThenNoEmail() throws Exception {
    try (TestIssuer issuer = TestIssuer.start();
        FakeMetadataServer server = FakeMetadataServer.start(issuer, SA)) {
      HttpResponse<String> response = get(identity(server, "audience=https://backend.example"), true);

      assertThat(SignedJWT.parse(response.body()).getJWTClaimsSet().getClaims())
          .doesNotContainKey("email");
    }
  }

  @Test
  void identityWhenMetadataFlavorMissingThen403() throws Exception {
    try (TestIssuer issuer = TestIssuer.start();
        FakeMetadataServer server = FakeMetadataServer.start(issuer, SA)) {
      assertThat(get(identity(server, "audience=a&format=full"), false).statusCode()).isEqualTo(403);
    }
  }

  @Test
  void identityWhenNoAudienceThen400() throws Exception {
    try (TestIssuer issuer = TestIssuer.start();
        FakeMetadataServer server = FakeMetadataServer.start(issuer, SA)) {
      assertThat(get(identity(server, "format=full"), true).statusCode()).isEqualTo(400);
    }
  }

  @Test
  void identityWhenStatusSetThenAnswersIt() throws Exception {
    try (TestIssuer issuer = TestIssuer.start();
        FakeMetadataServer server = FakeMetadataServer.start(issuer, SA)) {
      server.status(503);
      assertThat(get(identity(server, "audience=a"), true).statusCode()).isEqualTo(503);
    }
  }

  @Test
  void tokenLifetimeWhenSetThenExpiryFollows() throws Exception {
    try (TestIssuer issuer = TestIssuer.start();
        FakeMetadataServer server = FakeMetadataServer.start(issuer, SA)) {
      server.tokenLifetime(Duration.ofMinutes(5));
      var claims =
          SignedJWT.parse(get(identity(server, "audience=a&format=full"), true).body())
              .getJWTClaimsSet();
      assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime())
          .isEqualTo(Duration.ofMinutes(5).toMillis());
    }
  }

  @Test
  void rootWhenPingedThenAnswersMetadataFlavorGoogle() throws Exception {
    try (TestIssuer issuer = TestIssuer.start();
        FakeMetadataServer server = FakeMetadataServer.start(issuer, SA)) {
      HttpResponse<String> response = get(server.uri().resolve("/"), false);
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Metadata-Flavor")).hasValue("Google");
      assertThat(server.host()).startsWith("127.0.0.1:");
    }
  }
}
