package dev.invokerguard.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoModeTest {

  @Test
  void requireDemoEnvironmentWhenAnyInvokerGuardVariableThenRefused() {
    assertThatThrownBy(() -> DemoMode.requireDemoEnvironment(Map.of("INVOKERGUARD_AUDIENCES", "x")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[INVOKERGUARD_AUDIENCES]");
  }

  @Test
  void startWhenSampleRateVariableThenAllowedAndUsed() {
    Map<String, String> env = Map.of("INVOKERGUARD_DECISION_LOG_SAMPLE_RATE", "0.25");
    DemoMode.requireDemoEnvironment(env);
    try (DemoMode demo = DemoMode.start(8124, env)) {
      assertThat(demo.properties()).containsEntry("invokerguard.decision-log-sample-rate", "0.25");
    }
  }

  @Test
  void requireDemoEnvironmentWhenOnCloudRunThenRefused() {
    assertThatThrownBy(() -> DemoMode.requireDemoEnvironment(Map.of("K_SERVICE", "svc")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("K_SERVICE");
  }

  @Test
  void startWhenPortGivenThenLocalhostAudienceBundledPolicyPublicPathsAndBannerOfNineCommands() throws Exception {
    DemoMode.requireDemoEnvironment(Map.of("PATH", "/usr/bin"));
    try (DemoMode demo = DemoMode.start(8123);
        InputStream policy = getClass().getResourceAsStream(
            "/" + DemoMode.POLICY.substring("classpath:".length()))) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      demo.printBanner(new PrintStream(out, true, StandardCharsets.UTF_8), "sample-x", 8123);
      String banner = out.toString(StandardCharsets.UTF_8);

      assertThat(policy).isNotNull();
      assertThat(demo.properties()).containsEntry("invokerguard.audiences", "http://localhost:8123")
          .containsEntry("invokerguard.policy", DemoMode.POLICY)
          .containsEntry("invokerguard.jwks-uri", demo.jwksUri().toString())
          .containsEntry("invokerguard.public-paths", "/public/,/healthz")
          .containsEntry("invokerguard.decision-log-sample-rate", "1");
      assertThat(banner).contains("sample-x (demo) listening on http://localhost:8123", "NOT FOR PRODUCTION",
          "token signing keys (the test issuer's key set): " + demo.jwksUri(), "every decision",
          "curl -i http://localhost:8123/healthz");
      assertThat(banner.split("\ncurl -i", -1)).hasSize(10);
    }
  }
}
