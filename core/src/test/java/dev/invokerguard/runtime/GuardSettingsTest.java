package dev.invokerguard.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invokerguard.ConfigurationErrorCode;
import dev.invokerguard.InvokerGuardConfigurationException;
import dev.invokerguard.request.PreflightSettings;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GuardSettingsTest {
  private static Map<String, String> env(String... pairs) {
    Map<String, String> map = new HashMap<>();
    map.put("PATH", "/usr/bin");
    for (int i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i], pairs[i + 1]);
    }
    return map;
  }

  private static Map<String, String> minimal(String... more) {
    Map<String, String> map = env("INVOKERGUARD_POLICY", "policy.json",
        "INVOKERGUARD_AUDIENCES", "https://svc.example");
    map.putAll(env(more));
    return map;
  }

  @Test
  void fromEnvironmentWhenOnlyRequiredThenDefaults() {
    GuardSettings settings = GuardSettings.fromEnvironment(minimal());

    assertThat(settings.policy()).containsExactly("policy.json");
    assertThat(settings.audiences()).containsExactly("https://svc.example");
    assertThat(settings.jwksUri()).isEqualTo(URI.create("https://www.googleapis.com/oauth2/v3/certs"));
    assertThat(settings.permission()).isEqualTo("run.routes.invoke");
    assertThat(settings.mode()).isEqualTo(dev.invokerguard.EnforcementMode.ENFORCE);
    assertThat(settings.allowedClockSkew()).isEqualTo(Duration.ofSeconds(60));
    assertThat(settings.preflight()).isEqualTo(PreflightSettings.allPaths());
    assertThat(settings.allowPathParameters()).isFalse();
    assertThat(settings.firebaseProject()).isNull();
    assertThat(settings.iapAudience()).isNull();
    assertThat(settings.denyPolicy()).isNull();
    assertThat(settings.tokenCacheSize()).isEqualTo(GuardSettings.DEFAULT_TOKEN_CACHE_SIZE);
  }

  @Test
  void fromEnvironmentWhenEverySettingGivenThenParsed() {
    GuardSettings settings = GuardSettings.fromEnvironment(minimal(
        "INVOKERGUARD_POLICY", "classpath:project.yaml, /etc/policy.json",
        "INVOKERGUARD_AUDIENCES", "https://a.example,https://b.example",
        "INVOKERGUARD_JWKS_URI", "http://127.0.0.1:9999/certs",
        "INVOKERGUARD_PERMISSION", "run.routes.call",
        "INVOKERGUARD_MODE", "SHADOW",
        "INVOKERGUARD_ALLOWED_CLOCK_SKEW", "500ms",
        "INVOKERGUARD_FIREBASE_PROJECT", "my-project",
        "INVOKERGUARD_IAP_AUDIENCE", "/projects/123/global/backendServices/456",
        "INVOKERGUARD_PREFLIGHT_PATHS", "/api,/public/",
        "INVOKERGUARD_ALLOW_PATH_PARAMETERS", "TRUE",
        "INVOKERGUARD_DENY_POLICY", "deny.json",
        "INVOKERGUARD_CUSTOM_ROLES", "roles.yaml",
        "INVOKERGUARD_GROUPS", "groups.yaml",
        "INVOKERGUARD_TOKEN_CACHE_SIZE", "0"));

    assertThat(settings.policy()).containsExactly("classpath:project.yaml", "/etc/policy.json");
    assertThat(settings.audiences()).containsExactly("https://a.example", "https://b.example");
    assertThat(settings.jwksUri()).isEqualTo(URI.create("http://127.0.0.1:9999/certs"));
    assertThat(settings.permission()).isEqualTo("run.routes.call");
    assertThat(settings.mode()).isEqualTo(dev.invokerguard.EnforcementMode.SHADOW);
    assertThat(settings.allowedClockSkew()).isEqualTo(Duration.ofMillis(500));
    assertThat(settings.firebaseProject()).isEqualTo("my-project");
    assertThat(settings.iapAudience()).isEqualTo("/projects/123/global/backendServices/456");
    assertThat(settings.preflight()).isEqualTo(PreflightSettings.under("/api", "/public/"));
    assertThat(settings.allowPathParameters()).isTrue();
    assertThat(settings.denyPolicy()).isEqualTo("deny.json");
    assertThat(settings.customRoles()).isEqualTo("roles.yaml");
    assertThat(settings.groups()).isEqualTo("groups.yaml");
    assertThat(settings.tokenCacheSize()).isZero();
  }

  @Test
  void fromPropertiesWhenPropertyNamesThenSameVocabulary() {
    Map<String, String> props = Map.of("invokerguard.policy", "p.yaml",
        "invokerguard.audiences", "https://svc.example", "invokerguard.preflight-paths", "none",
        "invokerguard.allowed-clock-skew", "PT2M", "server.port", "8080");

    GuardSettings settings = GuardSettings.fromProperties(props);

    assertThat(settings.policy()).containsExactly("p.yaml");
    assertThat(settings.preflight()).isEqualTo(PreflightSettings.disabled());
    assertThat(settings.allowedClockSkew()).isEqualTo(Duration.ofMinutes(2));
    assertThat(GuardSettings.fromProperties(props::get)).isEqualTo(settings);
  }

  @Test
  void fromEnvironmentWhenNoAudienceThenNamesSettingInBothForms() {
    assertThatThrownBy(() -> GuardSettings.fromEnvironment(env("INVOKERGUARD_POLICY", "p.json")))
        .isInstanceOfSatisfying(InvokerGuardConfigurationException.class,
            e -> assertThat(e.code()).isEqualTo(ConfigurationErrorCode.MISSING_SETTING))
        .hasMessageContaining("invokerguard.audiences (INVOKERGUARD_AUDIENCES) is required");
  }

  @Test
  void startWhenNoPolicyAndNoPolicySourceThenNamesSettingInBothForms() {
    GuardSettings settings = GuardSettings.fromEnvironment(env("INVOKERGUARD_AUDIENCES", "https://a"));

    assertThat(settings.policy()).isEmpty();
    assertThatThrownBy(() -> GuardRuntime.start(settings))
        .isInstanceOfSatisfying(InvokerGuardConfigurationException.class,
            e -> assertThat(e.code()).isEqualTo(ConfigurationErrorCode.MISSING_SETTING))
        .hasMessageContaining("invokerguard.policy (INVOKERGUARD_POLICY) is required");
  }

  @Test
  void fromEnvironmentWhenBlankRequiredValueThenMissing() {
    assertThatThrownBy(() -> GuardSettings.fromEnvironment(minimal("INVOKERGUARD_AUDIENCES", "  ")))
        .hasMessageContaining("INVOKERGUARD_AUDIENCES) is required");
  }

  @Test
  void fromEnvironmentWhenPreinitializeFalseThenAcceptedAndKept() {
    assertThat(GuardSettings.fromEnvironment(minimal()).preinitialize()).isTrue();
    assertThat(GuardSettings.fromEnvironment(minimal("INVOKERGUARD_PREINITIALIZE", "false")).preinitialize())
        .isFalse();
    assertThat(GuardSettings.fromProperties(Map.of("invokerguard.policy", "p.json", "invokerguard.audiences",
        "https://svc.example", "invokerguard.preinitialize", "FALSE")).preinitialize()).isFalse();
  }

  @Test
  void fromEnvironmentWhenPreinitializeNotBooleanThenNamesTheSetting() {
    assertThatThrownBy(() -> GuardSettings.fromEnvironment(minimal("INVOKERGUARD_PREINITIALIZE", "maybe")))
        .isInstanceOfSatisfying(InvokerGuardConfigurationException.class,
            e -> assertThat(e.code()).isEqualTo(ConfigurationErrorCode.INVALID_SETTING))
        .hasMessageContaining("invokerguard.preinitialize (INVOKERGUARD_PREINITIALIZE)")
        .hasMessageContaining("must be true or false: \"maybe\"");
  }

  @Test
  void fromEnvironmentWhenMisspeltVariableThenRejected() {
    assertThatThrownBy(() -> GuardSettings.fromEnvironment(minimal("INVOKERGUARD_MODES", "shadow")))
        .isInstanceOf(InvokerGuardConfigurationException.class)
        .hasMessageContaining("INVOKERGUARD_MODES is not an InvokerGuard setting");
  }

  @Test
  void fromPropertiesWhenMisspeltPropertyThenRejected() {
    assertThatThrownBy(() -> GuardSettings.fromProperties(Map.of("invokerguard.policy", "p.json",
        "invokerguard.audience", "https://a")))
        .hasMessageContaining("invokerguard.audience is not an InvokerGuard setting");
  }

  @Test
  void fromEnvironmentWhenBadValuesThenEachNamesItsSetting() {
    Map<String, String> bad = Map.of(
        "INVOKERGUARD_MODE", "log", "INVOKERGUARD_ALLOWED_CLOCK_SKEW", "soon",
        "INVOKERGUARD_ALLOW_PATH_PARAMETERS", "yes", "INVOKERGUARD_TOKEN_CACHE_SIZE", "-1",
        "INVOKERGUARD_JWKS_URI", "http://keys.example/certs", "INVOKERGUARD_PERMISSION", "invoke",
        "INVOKERGUARD_PREFLIGHT_PATHS", "api", "INVOKERGUARD_FIREBASE_PROJECT", "My Project",
        "INVOKERGUARD_IAP_AUDIENCE", "backend", "INVOKERGUARD_AUDIENCES", "https://a,,https://b");
    bad.forEach((name, value) -> assertThatThrownBy(() -> GuardSettings.fromEnvironment(minimal(name, value)))
        .as(name)
        .isInstanceOfSatisfying(InvokerGuardConfigurationException.class,
            e -> assertThat(e.code()).isEqualTo(ConfigurationErrorCode.INVALID_SETTING))
        .hasMessageContaining("(" + name + ")"));
  }

  @Test
  void fromEnvironmentWhenJwksUriHostOnlyLooksLikeLoopbackThenRejected() {
    assertThatThrownBy(() -> GuardSettings.fromEnvironment(minimal("INVOKERGUARD_JWKS_URI",
        "http://127.0.0.1.nip.io/certs")))
        .isInstanceOf(InvokerGuardConfigurationException.class)
        .hasMessageContaining("(INVOKERGUARD_JWKS_URI)").hasMessageContaining("127.0.0.0/8");
    assertThat(GuardSettings.fromEnvironment(minimal("INVOKERGUARD_JWKS_URI", "http://[::1]:9999/certs"))
        .jwksUri()).isEqualTo(URI.create("http://[::1]:9999/certs"));
  }

  @Test
  void buildWhenClockSkewAboveLimitThenRejected() {
    assertThatThrownBy(() -> GuardSettings.builder().policy("p.json").audiences("https://a")
        .allowedClockSkew(Duration.ofMinutes(6)).build())
        .hasMessageContaining("invokerguard.allowed-clock-skew (INVOKERGUARD_ALLOWED_CLOCK_SKEW)");
  }

  @Test
  void buildWhenPolicyListedTwiceThenRejected() {
    assertThatThrownBy(() -> GuardSettings.builder().policy("p.json", "p.json").audiences("https://a").build())
        .hasMessageContaining("lists p.json twice");
  }

  @Test
  void recordWhenListsGivenThenCopiedImmutably() {
    List<String> audiences = new java.util.ArrayList<>(List.of("https://a"));
    GuardSettings settings = GuardSettings.builder().policy("p.json").audiences(audiences).build();
    audiences.add("https://b");

    assertThat(settings.audiences()).containsExactly("https://a");
    assertThatThrownBy(() -> settings.policy().add("x")).isInstanceOf(UnsupportedOperationException.class);
  }
}
