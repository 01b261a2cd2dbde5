package dev.invokerguard.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invokerguard.CloudRunComparison;
import dev.invokerguard.EnforcementMode;
import dev.invokerguard.request.AccessRequest;
import dev.invokerguard.testing.TestIssuer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runtime compares with Cloud Run only in shadow mode and only when the environment names a Cloud Run service. */
class GuardRuntimeShadowComparisonTest {
  private static final String AUDIENCE = "https://svc.example";
  private static TestIssuer issuer;

  @TempDir Path dir;

  @BeforeAll
  static void startIssuer() {
    issuer = TestIssuer.start();
  }

  @AfterAll
  static void stopIssuer() {
    issuer.close();
  }

  private GuardRuntime start(EnforcementMode mode, Map<String, String> environment) throws IOException {
    Path policy = Files.writeString(dir.resolve("policy.json"), """
        {"bindings": [{"role": "roles/run.invoker", "members": ["user:alice@example.com"]}]}""");
    return GuardRuntime.builder(GuardSettings.builder().policy(policy.toString()).audiences(AUDIENCE)
        .jwksUri(issuer.jwksUri()).mode(mode).build()).environment(environment).start();
  }

  private static AccessRequest stripped(String email) {
    String token = issuer.user(email).audience(AUDIENCE).sign();
    return AccessRequest.builder("GET", "svc.example", "/x").header("Authorization",
        "Bearer " + token.substring(0, token.lastIndexOf('.') + 1) + "SIGNATURE_REMOVED_BY_GOOGLE").build();
  }

  @Test
  void startWhenShadowAndKServiceThenComparisonCountedInHealth() throws Exception {
    try (GuardRuntime runtime = start(EnforcementMode.SHADOW, Map.of("K_SERVICE", "hello"))) {
      runtime.guard().check(stripped("alice@example.com"));
      runtime.guard().check(stripped("bob@example.com"));
      assertThat(runtime.keysPrefetched().toCompletableFuture().get(10, TimeUnit.SECONDS)).isTrue();

      assertThat(runtime.health().cloudRunComparison()).isEqualTo(new CloudRunComparison(1, 1));
      assertThat(runtime.health().status()).isEqualTo(GuardHealth.Status.UP);
    }
  }

  @Test
  void startWhenShadowWithoutKServiceThenNoComparison() throws IOException {
    try (GuardRuntime runtime = start(EnforcementMode.SHADOW, Map.of())) {
      assertThat(runtime.guard().check(stripped("alice@example.com")).enforcedStatus()).isEqualTo(401);
      assertThat(runtime.health().cloudRunComparison()).isNull();
    }
  }

  @Test
  void startWhenEnforceOnCloudRunThenStrippedTokenRejected() throws IOException {
    try (GuardRuntime runtime = start(EnforcementMode.ENFORCE, Map.of("K_SERVICE", "hello"))) {
      assertThat(runtime.guard().check(stripped("alice@example.com")).status()).isEqualTo(401);
      assertThat(runtime.health().cloudRunComparison()).isNull();
    }
  }
}
