package dev.invokerguard.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.SignedJWT;
import dev.invokerguard.testing.FakeMetadataCredentials;
import dev.invokerguard.testing.FakeMetadataServer;
import dev.invokerguard.testing.TestIssuer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real requests through the JDK client to a loopback backend that records the headers it gets. */
class OutboundTokensTest {
  private static final String SA = "frontend@my-project.iam.gserviceaccount.com";
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private List<Map<String, List<String>>> received;
  private TestIssuer issuer;
  private FakeMetadataServer metadata;
  private HeaderRecordingBackend backend;
  private String backendUrl;

  @BeforeEach
  void start() throws Exception {
    issuer = TestIssuer.start();
    metadata = FakeMetadataServer.start(issuer, SA);
    backend = HeaderRecordingBackend.start();
    received = backend.received();
    backendUrl = backend.url();
  }

  @AfterEach
  void stop() {
    backend.close();
    metadata.close();
    issuer.close();
  }

  private OutboundTokens tokens(OutboundTarget target) {
    return OutboundTokens.builder().target(target).credentials(FakeMetadataCredentials.of(metadata)).build();
  }

  private Map<String, List<String>> send(OutboundTokens tokens, HttpRequest request) throws Exception {
    client.send(tokens.authorize(request), HttpResponse.BodyHandlers.discarding());
    return received.get(received.size() - 1);
  }

  private static String bearer(Map<String, List<String>> headers, String name) {
    List<String> values = headers.get(name);
    assertThat(values).as(name).hasSize(1);
    assertThat(values.get(0)).startsWith("Bearer ");
    return values.get(0).substring("Bearer ".length());
  }

  @Test
  void authorizeWhenNoAuthorizationThenBearerInAuthorizationForTheTargetAudience() throws Exception {
    OutboundTokens tokens = tokens(OutboundTarget.of(backendUrl));

    Map<String, List<String>> headers =
        send(tokens, HttpRequest.newBuilder(URI.create(backendUrl + "/internal/orders")).build());

    String token = bearer(headers, "Authorization");
    assertThat(SignedJWT.parse(token).getJWTClaimsSet().getAudience()).containsExactly(backendUrl);
    assertThat(headers).doesNotContainKey("X-serverless-authorization");
  }

  @Test
  void authorizeWhenOwnAuthorizationThenKeptAndTokenInServerlessAuthorization() throws Exception {
    OutboundTokens tokens = tokens(OutboundTarget.of(backendUrl));

    Map<String, List<String>> headers =
        send(
            tokens,
            HttpRequest.newBuilder(URI.create(backendUrl + "/internal/orders"))
                .header("Authorization", "ApiKey app-key-123")
                .build());

    assertThat(headers.get("Authorization")).containsExactly("ApiKey app-key-123");
    String token = bearer(headers, "X-serverless-authorization");
    assertThat(SignedJWT.parse(token).getJWTClaimsSet().getStringClaim("email")).isEqualTo(SA);
  }

  @Test
  void authorizeWhenCustomAudienceThenMintedForIt() throws Exception {
    OutboundTokens tokens = tokens(OutboundTarget.of(backendUrl).withAudience("https://backend.example"));

    String token = bearer(send(tokens, HttpRequest.newBuilder(URI.create(backendUrl + "/x")).build()), "Authorization");

    assertThat(SignedJWT.parse(token).getJWTClaimsSet().getAudience()).containsExactly("https://backend.example");
    assertThat(metadata.audiences()).containsExactly("https://backend.example");
  }

  @Test
  void authorizeWhenManyRequestsThenOneMint() throws Exception {
    OutboundTokens tokens = tokens(OutboundTarget.of(backendUrl));
    for (int i = 0; i < 20; i++) {
      send(tokens, HttpRequest.newBuilder(URI.create(backendUrl + "/internal/" + i)).build());
    }

    assertThat(received).hasSize(20);
    assertThat(metadata.identityRequests()).isEqualTo(1);
  }

  @Test
  void authorizeWhenUrlIsNoTargetThenRequestUnchangedAndNoMint() {
    OutboundTokens tokens = tokens(OutboundTarget.of(backendUrl + "/internal"));
    HttpRequest other = HttpRequest.newBuilder(URI.create("https://elsewhere.example/internal")).build();
    HttpRequest outside = HttpRequest.newBuilder(URI.create(backendUrl + "/public")).build();

    assertThat(tokens.authorize(other)).isSameAs(other);
    assertThat(tokens.authorize(outside)).isSameAs(outside);
    assertThat(metadata.identityRequests()).isZero();
  }

  @Test
  void authorizeWhenMetadataServerFailsThenClearErrorAndNothingSent() {
    metadata.status(500);
    OutboundTokens tokens = tokens(OutboundTarget.of(backendUrl));

    assertThatThrownBy(
            () -> send(tokens, HttpRequest.newBuilder(URI.create(backendUrl + "/internal/x")).build()))
        .isInstanceOf(OutboundTokenException.class)
        .hasMessageStartingWith("cannot mint an ID token for " + backendUrl);
    assertThat(received).isEmpty();
  }

  @Test
  void buildWhenTwoTargetsThenOneSourcePerAudience() throws Exception {
    OutboundTokens tokens =
        OutboundTokens.builder()
            .target(OutboundTarget.of(backendUrl + "/a"))
            .target(OutboundTarget.of(backendUrl + "/b"))
            .target(OutboundTarget.of(backendUrl + "/c").withAudience("https://other.example"))
            .credentials(FakeMetadataCredentials.of(metadata))
            .build();
    send(tokens, HttpRequest.newBuilder(URI.create(backendUrl + "/a/1")).build());
    send(tokens, HttpRequest.newBuilder(URI.create(backendUrl + "/b/1")).build());
    send(tokens, HttpRequest.newBuilder(URI.create(backendUrl + "/c/1")).build());

    assertThat(metadata.audiences()).containsExactly(backendUrl, "https://other.example");
  }

  @Test
  void buildWhenNoTargetThenInvalidTarget() {
    assertThatThrownBy(() -> OutboundTokens.builder().build())
        .extracting(e -> ((OutboundTokenException) e).code())
        .isEqualTo(OutboundErrorCode.INVALID_TARGET);
  }
}
