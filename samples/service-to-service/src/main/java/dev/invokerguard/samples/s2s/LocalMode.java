package dev.invokerguard.samples.s2s;

import dev.invokerguard.testing.FakeMetadataServer;
import dev.invokerguard.testing.TestIssuer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Both roles on loopback, each its own process as on Cloud Run: a local test issuer stands in for
 * Google, a fake metadata server mints the frontend's tokens ({@code GCE_METADATA_HOST}), the
 * backend trusts the issuer's keys and grants the frontend's account on {@code /internal/...}
 * only. Ports: {@code PORT} (frontend, 8080) and {@code BACKEND_PORT} (8081). Runs until stopped.
 */
final class LocalMode {
  static final String FRONTEND_ACCOUNT = "frontend@demo-project.iam.gserviceaccount.com";
  static final String POLICY = "classpath:dev/invokerguard/samples/s2s/local-policy.yaml";

  private LocalMode() {}

  static void run(Map<String, String> env) throws Exception {
    int frontendPort = Main.port(env.get("PORT"), 8080);
    int backendPort = Main.port(env.get("BACKEND_PORT"), 8081);
    for (String name : env.keySet()) {
      if (name.startsWith("INVOKERGUARD_")) {
        throw new IllegalArgumentException("local mode configures the backend itself; unset " + name
            + ", or run the backend role (java -jar ... backend)");
      }
    }
    TestIssuer issuer = TestIssuer.start();
    FakeMetadataServer metadata = FakeMetadataServer.start(issuer, FRONTEND_ACCOUNT);
    String backendUrl = "http://127.0.0.1:" + backendPort;
    Path noGcloud = Files.createTempDirectory("s2s-no-gcloud");
    Process backend = launch("backend", Map.of(
        "PORT", Integer.toString(backendPort),
        "LISTEN_ADDRESS", "127.0.0.1",
        "INVOKERGUARD_POLICY", POLICY,
        "INVOKERGUARD_AUDIENCES", backendUrl,
        "INVOKERGUARD_JWKS_URI", issuer.jwksUri().toString()));
    Process frontend = launch("frontend", Map.of(
        "PORT", Integer.toString(frontendPort),
        "LISTEN_ADDRESS", "127.0.0.1",
        "BACKEND_URL", backendUrl,
        "BACKEND_API_KEY", "demo-api-key",
        // Application Default Credentials find the (fake) metadata server, not a developer's gcloud login
        "GCE_METADATA_HOST", metadata.host(),
        "CLOUDSDK_CONFIG", noGcloud.toString()));
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      frontend.destroy();
      backend.destroy();
      metadata.close();
      issuer.close();
    }));
    awaitHttp(backend, URI.create(backendUrl + "/"));
    awaitHttp(frontend, URI.create("http://127.0.0.1:" + frontendPort + "/healthz"));
    String front = "http://127.0.0.1:" + frontendPort;
    System.out.println("""

        service-to-service local mode: frontend %s calls backend %s as %s
        (tokens from a fake metadata server at %s, signed by a local test issuer).

          curl -s %s/call/internal/orders    # 200: the frontend's token in X-Serverless-Authorization, its API key in Authorization
          curl -s %s/call/admin              # 403: the frontend's account is granted /internal/... only
          curl -si %s/internal/orders        # 401: the backend called directly, without a token

        Ctrl-C stops both.
        """.formatted(front, backendUrl, FRONTEND_ACCOUNT, metadata.uri(), front, front, backendUrl));
    System.out.println("local mode ready");
    int status = frontend.waitFor();
    backend.destroy();
    System.exit(status == 0 ? 0 : 1);
  }

  private static Process launch(String role, Map<String, String> variables) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    String classpath = System.getProperty("java.class.path");
    ProcessBuilder builder = new ProcessBuilder(List.of(java, "-cp", classpath, Main.class.getName(), role))
        .inheritIO();
    builder.environment().remove("GOOGLE_APPLICATION_CREDENTIALS");
    builder.environment().remove("NO_GCE_CHECK");
    builder.environment().putAll(variables);
    return builder.start();
  }

  /** Waits until {@code uri} answers any HTTP status; fails when the process exits first. */
  private static void awaitHttp(Process process, URI uri) throws Exception {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    Instant limit = Instant.now().plusSeconds(90);
    while (Instant.now().isBefore(limit)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("a role exited with status " + process.exitValue() + " before " + uri
            + " answered");
      }
      try {
        client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.discarding());
        return;
      } catch (IOException notYet) {
        Thread.sleep(200);
      }
    }
    throw new IllegalStateException(uri + " did not answer within 90 s");
  }

}
