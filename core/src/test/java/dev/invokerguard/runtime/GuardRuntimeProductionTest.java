package dev.invokerguard.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invokerguard.request.AccessRequest;
import dev.invokerguard.Decision;
import dev.invokerguard.EnforcementMode;
import dev.invokerguard.ConfigurationErrorCode;
import dev.invokerguard.InvokerGuardConfigurationException;
import dev.invokerguard.policy.PolicyLoadException;
import dev.invokerguard.policy.PolicyProblemCode;
import dev.invokerguard.testing.TestIssuer;
import dev.invokerguard.testing.WithTestIssuer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings that run a guard in production: shadow mode, policy reload, the decision log's sampling. */
@WithTestIssuer
class GuardRuntimeProductionTest {
  private static final String AUDIENCE = "https://svc.example";
  private final TestIssuer issuer;

  @TempDir Path dir;

  GuardRuntimeProductionTest(TestIssuer issuer) {
    this.issuer = issuer;
  }

  @Test
  void startWhenShadowModeThenDeniedRequestPassesAndEnforcedStatusIsKept() throws IOException {
    Path policy = policy("alice@example.com");
    GuardSettings settings = GuardSettings.builder().policy(policy.toString()).audiences(AUDIENCE)
        .jwksUri(issuer.jwksUri()).mode(EnforcementMode.SHADOW).build();
    try (GuardRuntime runtime = GuardRuntime.start(settings)) {
      Decision decision = get(runtime, issuer.user("bob@example.com").audience(AUDIENCE).sign());

      assertThat(decision.allowed()).isTrue();
      assertThat(decision.status()).isEqualTo(200);
      assertThat(decision.enforcedStatus()).isEqualTo(403);
      assertThat(runtime.guard().counts().shadowDenied()).isEqualTo(1);
    }
  }

  @Test
  void startWhenPolicyFileChangesThenNewPolicyServedAfterRefreshInterval() throws Exception {
    Path policy = policy("alice@example.com");
    GuardSettings settings = GuardSettings.fromProperties(Map.of(
        "invokerguard.policy", policy.toString(),
        "invokerguard.audiences", AUDIENCE,
        "invokerguard.jwks-uri", issuer.jwksUri().toString(),
        "invokerguard.policy-refresh-interval", "100ms"));
    String bob = issuer.user("bob@example.com").audience(AUDIENCE).sign();
    try (GuardRuntime runtime = GuardRuntime.start(settings)) {
      assertThat(get(runtime, bob).status()).isEqualTo(403);

      Files.writeString(policy, invokerPolicy("bob@example.com"));

      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (!get(runtime, bob).allowed() && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(get(runtime, bob).allowed()).isTrue();
      assertThat(runtime.policyStatus().reloads()).isPositive();
    }
  }

  @Test
  void startWhenReloadedFileIsMalformedThenLastGoodPolicyKeepsServing() throws Exception {
    Path policy = policy("alice@example.com");
    GuardSettings settings = GuardSettings.builder().policy(policy.toString()).audiences(AUDIENCE)
        .jwksUri(issuer.jwksUri()).policyRefreshInterval(Duration.ofMillis(100)).build();
    String alice = issuer.user("alice@example.com").audience(AUDIENCE).sign();
    try (GuardRuntime runtime = GuardRuntime.start(settings)) {
      Files.writeString(policy, "{\"bindings\": [{\"role\": ");

      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (runtime.policyStatus().failures() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(runtime.policyStatus().failures()).isPositive();
      assertThat(get(runtime, alice).allowed()).isTrue();
    }
  }

  @Test
  void startWhenLocalLayerBrokenBesideCloudRunLayerThenFailsAtStart() throws IOException {
    Path broken = Files.writeString(dir.resolve("project.json"), "{\"bindings\": [{\"role\": ");
    GuardSettings settings = GuardSettings.builder()
        .policy(broken.toString(), "cloudrun://projects/p/locations/europe-west1/services/hello")
        .audiences(AUDIENCE).jwksUri(issuer.jwksUri()).build();

    assertThatThrownBy(() -> GuardRuntime.start(settings))
        .isInstanceOfSatisfying(InvokerGuardConfigurationException.class, e -> {
          assertThat(e.code()).isEqualTo(ConfigurationErrorCode.POLICY_DOES_NOT_LOAD);
          assertThat(((PolicyLoadException) e.getCause()).errors()).extracting(p -> p.code())
              .containsExactly(PolicyProblemCode.SYNTAX_ERROR);
        });
  }

  @Test
  void fromPropertiesWhenSampleRateOutOfRangeThenNamesSetting() {
    assertThatThrownBy(() -> GuardSettings.fromProperties(Map.of(
        "invokerguard.policy", "p.json", "invokerguard.audiences", AUDIENCE,
        "invokerguard.decision-log-sample-rate", "1.5")))
        .isInstanceOf(InvokerGuardConfigurationException.class)
        .hasMessageContaining("invokerguard.decision-log-sample-rate (INVOKERGUARD_DECISION_LOG_SAMPLE_RATE)");
  }

  @Test
  void fromEnvironmentWhenLastKnownGoodSetThenPathKept() {
    GuardSettings settings = GuardSettings.fromEnvironment(Map.of(
        "INVOKERGUARD_POLICY", "cloudrun://projects/p/locations/europe-west1/services/hello",
        "INVOKERGUARD_AUDIENCES", AUDIENCE,
        "INVOKERGUARD_LAST_KNOWN_GOOD", "/var/cache/policy.json"));
    assertThat(settings.lastKnownGood()).isEqualTo(Path.of("/var/cache/policy.json"));
    assertThat(settings.mode()).isEqualTo(EnforcementMode.ENFORCE);
  }

  private Path policy(String email) throws IOException {
    return Files.writeString(dir.resolve("policy.json"), invokerPolicy(email));
  }

  private static String invokerPolicy(String email) {
    return "{\"bindings\": [{\"role\": \"roles/run.invoker\", \"members\": [\"user:" + email + "\"]}]}";
  }

  private static Decision get(GuardRuntime runtime, String token) {
    return runtime.guard().check(AccessRequest.builder("GET", "svc.example", "/orders")
        .header("Authorization", "Bearer " + token).build());
  }
}
