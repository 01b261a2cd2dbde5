package dev.invokerguard.samples.enduser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invokerguard.tck.sample.RawHttp;
import dev.invokerguard.testing.TestIssuer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Production mode's API side, offline: the jar configured for a Firebase project, with that project's keys
 * served by a local {@link TestIssuer} through {@code INVOKERGUARD_FIREBASE_KEYS_URI} (as a key mirror
 * would). The page's Firebase JS SDK path needs Google's CDN and a real project, so it is not run here.
 */
class ProductionModeIT {
  static final String PROJECT = "shop-prod-42";

  @Test
  void startWhenFirebaseProjectThenPageHasNoLocalSignInAndApiTrustsOnlyThatProject() throws Exception {
    Path dir = Files.createTempDirectory("end-user-prod");
    Path policy = dir.resolve("policy.json");
    Files.writeString(policy, """
        {"bindings": [{"role": "roles/run.invoker", "members": ["user:carol@example.com"],
          "condition": {"title": "me", "expression": "request.path == '/api/me'"}}]}""");
    try (TestIssuer keys = TestIssuer.start();
        SampleProcess sample = SampleProcess.start(Map.of("INVOKERGUARD_FIREBASE_PROJECT", PROJECT,
            "FIREBASE_API_KEY", "AIzaSyTestKey", "INVOKERGUARD_POLICY", policy.toString(),
            "INVOKERGUARD_FIREBASE_KEYS_URI", keys.firebaseCertsUri().toString(),
            "INVOKERGUARD_JWKS_URI", keys.jwksUri().toString())).awaitListening()) {
      String carol = keys.firebase(PROJECT, "carolUid").claim("email", "carol@example.com")
          .claim("email_verified", true).sign();
      String otherProject = keys.firebase(LocalIssuer.PROJECT, "carolUid").claim("email", "carol@example.com")
          .claim("email_verified", true).sign();

      assertThat(sample.output()).contains("(Firebase project " + PROJECT + ")").doesNotContain("LOCAL MODE");
      assertThat(sample.page().get("/config.json").body()).isEqualTo("{\"mode\":\"firebase\",\"api\":"
          + "\"http://localhost:" + sample.apiPort + "\",\"firebase\":{\"apiKey\":\"AIzaSyTestKey\","
          + "\"authDomain\":\"" + PROJECT + ".firebaseapp.com\",\"projectId\":\"" + PROJECT + "\"}}");
      assertThat(sample.page().postForm("/local/sign-in", "email=carol%40example.com").status()).isEqualTo(404);
      RawHttp.Response allowed = sample.api().get("/api/me", "Authorization: Bearer " + carol);
      assertThat(allowed.status()).as(allowed.toString()).isEqualTo(200);
      assertThat(allowed.body()).contains("\"principal\":\"user:carol@example.com\"", "\"firebase:carolUid\"");
      assertThat(sample.api().get("/api/me", "Authorization: Bearer " + otherProject).status()).isEqualTo(401);
      assertThat(sample.api().get("/api/public/x").status()).isEqualTo(200);
    } finally {
      Files.deleteIfExists(policy);
      Files.deleteIfExists(dir);
    }
  }

  @Test
  void startWhenFirebaseProjectWithoutApiKeyThenExits2NamingIt() throws Exception {
    try (SampleProcess refused = SampleProcess.start(Map.of("INVOKERGUARD_FIREBASE_PROJECT", PROJECT,
        "INVOKERGUARD_POLICY", "/nonexistent.json"))) {
      assertThat(refused.awaitExit()).isEqualTo(2);
      assertThat(refused.output()).contains("FIREBASE_API_KEY is not");
    }
  }

  @Test
  void startWhenGuardSettingsWithoutFirebaseProjectThenRefusesLocalMode() throws Exception {
    try (SampleProcess refused = SampleProcess.start(Map.of("INVOKERGUARD_AUDIENCES", "https://api.example"))) {
      assertThat(refused.awaitExit()).isEqualTo(2);
      assertThat(refused.output()).contains("INVOKERGUARD_FIREBASE_PROJECT is not set but [INVOKERGUARD_AUDIENCES]");
    }
  }
}
