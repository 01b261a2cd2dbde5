package dev.invokerguard.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoModeTest {

  @Test
  void requireWorkstationWhenAnotherInvokerGuardVariableIsSetThenRefusesNamingIt() {
    assertThatThrownBy(() -> DemoMode.requireWorkstation(Map.of("INVOKERGUARD_AUDIENCES", "x", "HOME", "/")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("INVOKERGUARD_POLICY is not set but [INVOKERGUARD_AUDIENCES]");
  }

  @Test
  void requireWorkstationWhenOnCloudRunThenRefuses() {
    assertThatThrownBy(() -> DemoMode.requireWorkstation(Map.of("K_SERVICE", "hello")))
        .hasMessageContaining("Cloud Run (K_SERVICE)");
  }

  @Test
  void requireWorkstationWhenNothingSetThenAccepts() {
    DemoMode.requireWorkstation(Map.of("HOME", "/"));
  }

  @Test
  void propertiesWhenStartedThenPolicyAudienceAndKeysOfTheDemoIssuer() {
    try (DemoMode demo = DemoMode.start(8123)) {
      assertThat(demo.properties()).containsEntry("invokerguard.policy", DemoMode.POLICY)
          .containsEntry("invokerguard.audiences", "http://localhost:8123")
          .containsEntry("invokerguard.jwks-uri", demo.jwksUri().toString());
      assertThat(getClass().getResource("/dev/invokerguard/testing/demo-policy.yaml")).isNotNull();
    }
  }

  @Test
  void printBannerWhenStartedThenWarningAroundEightCommands() {
    try (DemoMode demo = DemoMode.start(8123)) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      demo.printBanner(new PrintStream(bytes, true, StandardCharsets.UTF_8), "sample-x", 8123);
      String banner = bytes.toString(StandardCharsets.UTF_8);

      assertThat(banner).startsWith(DemoMode.WARNING).contains("sample-x (demo) listening on http://localhost:8123");
      assertThat(banner.lines().filter(l -> l.startsWith("curl -i"))).hasSize(8);
      assertThat(banner.strip()).endsWith(DemoMode.WARNING);
    }
  }
}
