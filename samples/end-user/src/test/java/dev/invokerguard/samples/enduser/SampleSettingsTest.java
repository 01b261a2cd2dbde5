package dev.invokerguard.samples.enduser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SampleSettingsTest {
  private static final Map<String, String> PRODUCTION = Map.of("INVOKERGUARD_FIREBASE_PROJECT", "my-project",
      "FIREBASE_API_KEY", "AIzaSyExample", "INVOKERGUARD_POLICY", "/etc/policy.json");

  @Test
  void fromEnvironmentWhenEmptyThenLocalModeOnDefaultPorts() {
    SampleSettings settings = SampleSettings.fromEnvironment(Map.of());

    assertThat(settings.local()).isTrue();
    assertThat(settings.apiUrl()).isEqualTo("http://localhost:8080");
    assertThat(settings.pageOrigin()).isEqualTo("http://localhost:8081");
  }

  @Test
  void fromEnvironmentWhenProjectKeyAndPolicyThenProductionModeWithDefaultAuthDomain() {
    SampleSettings settings = SampleSettings.fromEnvironment(PRODUCTION);

    assertThat(settings.local()).isFalse();
    assertThat(settings.firebase()).isEqualTo(new SampleSettings.FirebaseWebConfig("my-project", "AIzaSyExample",
        "my-project.firebaseapp.com", null));
  }

  @Test
  void fromEnvironmentWhenTenantAndAuthDomainThenBothReachThePage() {
    Map<String, String> env = new java.util.HashMap<>(PRODUCTION);
    env.put("FIREBASE_AUTH_DOMAIN", "login.example.com");
    env.put("FIREBASE_TENANT_ID", "customers-x1y2z");

    SampleSettings settings = SampleSettings.fromEnvironment(env);

    assertThat(PageConfig.json(settings)).isEqualTo("{\"mode\":\"firebase\",\"api\":\"http://localhost:8080\","
        + "\"firebase\":{\"apiKey\":\"AIzaSyExample\",\"authDomain\":\"login.example.com\","
        + "\"projectId\":\"my-project\",\"tenantId\":\"customers-x1y2z\"}}");
  }

  @Test
  void fromEnvironmentWhenProjectWithoutApiKeyThenNamesTheVariable() {
    assertThatThrownBy(() -> SampleSettings.fromEnvironment(Map.of("INVOKERGUARD_FIREBASE_PROJECT", "my-project",
        "INVOKERGUARD_POLICY", "/p.json"))).hasMessageContaining("FIREBASE_API_KEY is not");
  }

  @Test
  void fromEnvironmentWhenProjectWithoutPolicyThenNamesTheVariable() {
    assertThatThrownBy(() -> SampleSettings.fromEnvironment(Map.of("INVOKERGUARD_FIREBASE_PROJECT", "my-project",
        "FIREBASE_API_KEY", "k"))).hasMessageContaining("INVOKERGUARD_POLICY is not");
  }

  @Test
  void fromEnvironmentWhenOtherGuardSettingWithoutProjectThenRefusesLocalMode() {
    assertThatThrownBy(() -> SampleSettings.fromEnvironment(Map.of("INVOKERGUARD_POLICY", "/p.json")))
        .hasMessageContaining("INVOKERGUARD_FIREBASE_PROJECT is not set but [INVOKERGUARD_POLICY]");
    assertThatThrownBy(() -> SampleSettings.fromEnvironment(Map.of("FIREBASE_API_KEY", "k")))
        .hasMessageContaining("FIREBASE_API_KEY is set but INVOKERGUARD_FIREBASE_PROJECT is not");
  }

  @Test
  void fromEnvironmentWhenOnCloudRunWithoutProjectThenRefusesLocalMode() {
    assertThatThrownBy(() -> SampleSettings.fromEnvironment(Map.of("K_SERVICE", "api")))
        .hasMessageContaining("local mode runs on a workstation only");
  }

  @Test
  void fromEnvironmentWhenSampleRateOnlyThenLocalMode() {
    assertThat(SampleSettings.fromEnvironment(Map.of(SampleSettings.SAMPLE_RATE_VARIABLE, "0.1")).local())
        .isTrue();
  }

  @Test
  void fromEnvironmentWhenPortsEqualOrInvalidThenNamesThem() {
    assertThatThrownBy(() -> SampleSettings.fromEnvironment(Map.of("PORT", "9000", "PAGE_PORT", "9000")))
        .hasMessageContaining("PORT and PAGE_PORT must differ");
    assertThatThrownBy(() -> SampleSettings.fromEnvironment(Map.of("PAGE_PORT", "70000")))
        .hasMessageContaining("PAGE_PORT must be a port number");
  }
}
