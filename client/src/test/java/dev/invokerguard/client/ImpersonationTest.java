package dev.invokerguard.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.auth.http.HttpTransportFactory;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ImpersonatedCredentials;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.invokerguard.testing.TestIssuer;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Impersonation ({@code gcloud auth application-default login --impersonate-service-account}):
 * Google Auth Library's {@code ImpersonatedCredentials} calls the IAM Service Account Credentials
 * API's {@code generateIdToken} with the source credentials' access token. The library builds that
 * URL from a fixed format ({@code https://iamcredentials.<universe>/v1/...:generateIdToken}; its
 * {@code iamEndpointOverride} applies to access tokens only), so the test points the library's own
 * HTTP transport at a loopback IAM endpoint that checks the call and answers a token signed by a
 * {@link TestIssuer}.
 */
class ImpersonationTest {
  private static final String TARGET_SA = "frontend@my-project.iam.gserviceaccount.com";
  private static final String AUDIENCE = "https://backend-abc-uc.a.run.app";
  private static final String SOURCE_TOKEN = "ya29.source-user-token";
  private static final Pattern GENERATE_ID_TOKEN =
      Pattern.compile("/v1/projects/-/serviceAccounts/([^/:]+):generateIdToken");

  private TestIssuer issuer;
  private LoopbackEndpoint iam;

  @BeforeEach
  void start() throws Exception {
    issuer = TestIssuer.start();
    iam = LoopbackEndpoint.start(this::answer);
  }

  @AfterEach
  void stop() {
    iam.close();
    issuer.close();
  }

  /** IAM Service Account Credentials API, projects.serviceAccounts.generateIdToken. */
  private LoopbackEndpoint.Answer answer(LoopbackEndpoint.Received request) {
    Matcher path = GENERATE_ID_TOKEN.matcher(request.path());
    if (!request.method().equals("POST") || !path.matches()) {
      return new LoopbackEndpoint.Answer(404, "{\"error\":{\"code\":404,\"message\":\"not found\"}}");
    }
    if (!("Bearer " + SOURCE_TOKEN).equals(request.authorization())) {
      return new LoopbackEndpoint.Answer(
          401, "{\"error\":{\"code\":401,\"message\":\"no source credentials\"}}");
    }
    Matcher audience = Pattern.compile("\"audience\"\\s*:\\s*\"([^\"]+)\"").matcher(request.body());
    if (!audience.find() || !request.body().replace(" ", "").contains("\"includeEmail\":true")) {
      return new LoopbackEndpoint.Answer(400, "{\"error\":{\"code\":400,\"message\":\"bad body\"}}");
    }
    String email = java.net.URLDecoder.decode(path.group(1), java.nio.charset.StandardCharsets.UTF_8);
    String token = issuer.serviceAccount(email).audience(audience.group(1)).sign();
    return new LoopbackEndpoint.Answer(200, "{\"token\":\"" + token + "\"}");
  }

  /** Google Auth Library's transport, sending what it addresses to iamcredentials.* to the loopback IAM. */
  private HttpTransportFactory toLoopbackIam() {
    return () ->
        new NetHttpTransport.Builder()
            .setConnectionFactory(url -> (HttpURLConnection) redirect(url).openConnection())
            .build();
  }

  private URL redirect(URL url) throws java.io.IOException {
    if (!url.getHost().startsWith("iamcredentials.")) {
      throw new java.io.IOException("unexpected host in the test: " + url);
    }
    return URI.create(iam.base() + url.getFile()).toURL();
  }

  private ImpersonatedCredentials impersonating(String targetPrincipal) {
    GoogleCredentials source =
        GoogleCredentials.create(
            new AccessToken(SOURCE_TOKEN, Date.from(Instant.now().plus(1, ChronoUnit.HOURS))));
    return ImpersonatedCredentials.newBuilder()
        .setSourceCredentials(source)
        .setTargetPrincipal(targetPrincipal)
        .setScopes(List.of("https://www.googleapis.com/auth/cloud-platform"))
        .setHttpTransportFactory(toLoopbackIam())
        .build();
  }

  @Test
  void tokenWhenImpersonatingThenGenerateIdTokenForTheAudienceWithTheEmail() throws Exception {
    GoogleIdTokenSource source =
        GoogleIdTokenSource.builder(AUDIENCE).credentials(impersonating(TARGET_SA)).build();

    String token = source.token();

    JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
    assertThat(claims.getAudience()).containsExactly(AUDIENCE);
    assertThat(claims.getStringClaim("email")).isEqualTo(TARGET_SA);
    assertThat(iam.received()).hasSize(1);
    assertThat(iam.received().get(0).path()).contains(TARGET_SA + ":generateIdToken");
    assertThat(source.token()).as("cached").isEqualTo(token);
    assertThat(iam.received()).hasSize(1);
  }

  @Test
  void tokenWhenIamRefusesThenClearErrorAndNoToken() {
    GoogleCredentials source = GoogleCredentials.create(new AccessToken("ya29.other", null));
    ImpersonatedCredentials refused =
        ImpersonatedCredentials.newBuilder()
            .setSourceCredentials(source)
            .setTargetPrincipal(TARGET_SA)
            .setScopes(List.of("https://www.googleapis.com/auth/cloud-platform"))
            .setHttpTransportFactory(toLoopbackIam())
            .build();
    GoogleIdTokenSource tokens = GoogleIdTokenSource.builder(AUDIENCE).credentials(refused).build();

    assertThatThrownBy(tokens::token)
        .isInstanceOf(OutboundTokenException.class)
        .hasMessageContaining("cannot mint an ID token for " + AUDIENCE)
        .extracting(e -> ((OutboundTokenException) e).code())
        .isEqualTo(OutboundErrorCode.MINT_FAILED);
    assertThat(iam.received()).isNotEmpty();
  }
}
