package dev.invokerguard.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invokerguard.ConfigurationErrorCode;
import dev.invokerguard.InvokerGuardConfigurationException;
import dev.invokerguard.policy.PolicyLayer;
import dev.invokerguard.policy.PolicyText;
import dev.invokerguard.policy.source.PolicyDocument;
import dev.invokerguard.policy.source.PolicySnapshot;
import dev.invokerguard.policy.source.PolicySource;
import dev.invokerguard.policy.source.PolicySourceOptions;
import dev.invokerguard.policy.source.PolicySources;
import dev.invokerguard.request.AccessRequest;
import dev.invokerguard.runtime.GuardHealth.Status;
import dev.invokerguard.testing.TestIssuer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link GuardRuntime.Builder#policySource}: the application's policy instead of {@code invokerguard.policy}. */
class GuardRuntimePolicySourceTest {
  private static final String AUDIENCE = "https://svc.example";
  private static TestIssuer issuer;

  @BeforeAll
  static void startIssuer() {
    issuer = TestIssuer.start();
  }

  @AfterAll
  static void stopIssuer() {
    issuer.close();
  }

  private static GuardSettings.Builder settingsWithoutPolicy() {
    return GuardSettings.builder().audiences(AUDIENCE).jwksUri(issuer.jwksUri());
  }

  private static PolicySnapshot grant(String member) {
    String json = "{\"etag\": \"" + member.hashCode() + "\", \"bindings\": [{\"role\": \"roles/run.invoker\","
        + " \"members\": [\"" + member + "\"]}]}";
    return PolicySources.load(List.of(new PolicyDocument(PolicyText.json("in-memory", json), PolicyLayer.SERVICE)),
        PolicySourceOptions.defaults()).current().orElseThrow();
  }

  private static int status(GuardRuntime runtime, String email) {
    return runtime.guard().check(AccessRequest.builder("GET", "svc.example", "/")
        .header("Authorization", "Bearer " + issuer.user(email).audience(AUDIENCE).sign()).build()).status();
  }

  @Test
  void policySourceWhenGivenWithoutPolicySettingThenDecisionsFollowItAndItsReplacements() {
    AtomicReference<PolicySnapshot> served = new AtomicReference<>(grant("user:alice@example.com"));
    PolicySource source = () -> Optional.ofNullable(served.get());

    try (GuardRuntime runtime = GuardRuntime.builder(settingsWithoutPolicy().build()).policySource(source).start()) {
      assertThat(status(runtime, "alice@example.com")).isEqualTo(200);
      assertThat(status(runtime, "bob@example.com")).isEqualTo(403);
      assertThat(runtime.policyStatus().etag()).isEqualTo(served.get().etag());
      assertThat(runtime.health().status()).isEqualTo(Status.UP);

      served.set(grant("user:bob@example.com"));

      assertThat(status(runtime, "bob@example.com")).isEqualTo(200);
      assertThat(status(runtime, "alice@example.com")).isEqualTo(403);
      assertThat(runtime.policyStatus().etag()).isEqualTo(served.get().etag());
    }
  }

  @Test
  void policySourceWhenEmptyThen503AndHealthDown() {
    try (GuardRuntime runtime = GuardRuntime.builder(settingsWithoutPolicy().build())
        .policySource(Optional::empty).start()) {
      assertThat(status(runtime, "alice@example.com")).isEqualTo(503);
      assertThat(runtime.policyStatus().loaded()).isFalse();
      assertThat(runtime.health().status()).isEqualTo(Status.DOWN);
    }
  }

  @Test
  void policySourceWhenPolicySettingAlsoSetThenRefused() {
    GuardSettings settings = settingsWithoutPolicy().policy("p.json").build();

    assertThatThrownBy(() -> GuardRuntime.builder(settings).policySource(PolicySource.fixed(grant("allUsers")))
        .start())
        .isInstanceOfSatisfying(InvokerGuardConfigurationException.class,
            e -> assertThat(e.code()).isEqualTo(ConfigurationErrorCode.INVALID_SETTING))
        .hasMessageContaining("invokerguard.policy (INVOKERGUARD_POLICY) is set and a PolicySource is given");
  }

  @Test
  void policySourceWhenASettingOfPolicyLoadingIsSetThenRefusedNamingIt() {
    GuardSettings settings = settingsWithoutPolicy().policyRefreshInterval(Duration.ofSeconds(5)).build();

    assertThatThrownBy(() -> GuardRuntime.builder(settings).policySource(PolicySource.fixed(grant("allUsers")))
        .start())
        .isInstanceOf(InvokerGuardConfigurationException.class)
        .hasMessageContaining("invokerguard.policy-refresh-interval")
        .hasMessageContaining("a PolicySource is given instead");
  }
}
