package dev.invokerguard.samples.s2s;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invokerguard.testing.FakeMetadataServer;
import dev.invokerguard.testing.TestIssuer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backend and the frontend as two processes configured as on Cloud Run: the backend by {@code
 * INVOKERGUARD_*}, the frontend's Application Default Credentials by {@code GCE_METADATA_HOST}
 * pointing at a fake metadata server in this JVM.
 */
class ServiceToServiceIT {
  private static final String ACCOUNT = "frontend@demo-project.iam.gserviceaccount.com";
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  @TempDir static Path noGcloud;
  private static TestIssuer issuer;
  private static FakeMetadataServer metadata;
  private static RoleProcess backend;
  private static RoleProcess frontend;
  private static String backendUrl;
  private static String frontendUrl;

  @BeforeAll
  static void start() throws Exception {
    issuer = TestIssuer.start();
    metadata = FakeMetadataServer.start(issuer, ACCOUNT);
    int backendPort = RoleProcess.freePort();
    int frontendPort = RoleProcess.freePort();
    backendUrl = "http://127.0.0.1:" + backendPort;
    frontendUrl = "http://127.0.0.1:" + frontendPort;
    backend = RoleProcess.start(Map.of(
        "PORT", Integer.toString(backendPort),
        "LISTEN_ADDRESS", "127.0.0.1",
        "INVOKERGUARD_POLICY", LocalMode.POLICY,
        "INVOKERGUARD_AUDIENCES", backendUrl,
        "INVOKERGUARD_JWKS_URI", issuer.jwksUri().toString()), "backend");
    frontend = RoleProcess.start(Map.of(
        "PORT", Integer.toString(frontendPort),
        "LISTEN_ADDRESS", "127.0.0.1",
        "BACKEND_URL", backendUrl,
        "BACKEND_API_KEY", "k-123",
        "GCE_METADATA_HOST", metadata.host(),
        "CLOUDSDK_CONFIG", noGcloud.toString()), "frontend");
    backend.await("backend listening on");
    frontend.await("frontend listening on");
  }

  @AfterAll
  static void stop() throws Exception {
    if (frontend != null) {
      frontend.close();
    }
    if (backend != null) {
      backend.close();
    }
    metadata.close();
    issuer.close();
  }

  private static HttpResponse<String> get(String url) throws Exception {
    return CLIENT.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void callWhenInternalPathThenBackendAllowsTheFrontendsAccountAndSeesTheApiKey() throws Exception {
    HttpResponse<String> response = get(frontendUrl + "/call/internal/orders");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.body())
        .contains("\"principal\": \"serviceAccount:" + ACCOUNT + "\"")
        .contains("\"path\": \"/internal/orders\"")
        .contains("\"applicationAuthorization\": \"ApiKey\"");
    assertThat(metadata.audiences()).contains(backendUrl);
  }

  @Test
  void callWhenOtherPathThen403() throws Exception {
    HttpResponse<String> response = get(frontendUrl + "/call/admin");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
  }

  @Test
  void backendWhenCalledDirectlyWithoutTokenThen401() throws Exception {
    HttpResponse<String> response = get(backendUrl + "/internal/orders");

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
  }

  @Test
  void callWhenRepeatedThenOneMint() throws Exception {
    for (int i = 0; i < 5; i++) {
      assertThat(get(frontendUrl + "/call/internal/items/" + i).statusCode()).isEqualTo(200);
    }

    assertThat(metadata.identityRequests()).isEqualTo(1);
  }
}
