package dev.invokerguard.micronaut;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invokerguard.InvokerGuardConfigurationException;
import dev.invokerguard.runtime.GuardSettings;
import dev.invokerguard.runtime.SettingKey;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code invokerguard.*} as Micronaut reads it: defaults, lists, bad values at start-up. */
class InvokerGuardConfigurationTest {

  private static ApplicationContext start(Map<String, Object> properties) {
    return ApplicationContext.builder().environments(Environment.TEST).properties(properties).start();
  }

  private static Map<String, Object> settings(String... more) {
    return new HashMap<>(Issuer.settings(more));
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> assertStartFails(Map<String, Object> properties) {
    return assertThatThrownBy(() -> start(properties).close()).rootCause();
  }

  @Test
  void toSettingsWhenOnlyRequiredSetThenCoreDefaults() {
    InvokerGuardConfiguration configuration = new InvokerGuardConfiguration();
    configuration.setPolicy(java.util.List.of("classpath:test-policy.yaml"));
    configuration.setAudiences(java.util.List.of("https://a.example", "https://b.example"));

    GuardSettings settings = configuration.toSettings();

    assertThat(settings.audiences()).containsExactly("https://a.example", "https://b.example");
    assertThat(settings.jwksUri()).isEqualTo(GuardSettings.DEFAULT_JWKS_URI);
    assertThat(settings.permission()).isEqualTo(GuardSettings.DEFAULT_PERMISSION);
    assertThat(settings.mode()).isEqualTo(GuardSettings.DEFAULT_MODE);
    assertThat(settings.allowedClockSkew()).isEqualTo(GuardSettings.DEFAULT_ALLOWED_CLOCK_SKEW);
    assertThat(settings.tokenCacheSize()).isEqualTo(GuardSettings.DEFAULT_TOKEN_CACHE_SIZE);
    assertThat(settings.decisionLogSampleRate()).isEqualTo(GuardSettings.DEFAULT_DECISION_LOG_SAMPLE_RATE);
    assertThat(settings.allowPathParameters()).isEqualTo(GuardSettings.DEFAULT_ALLOW_PATH_PARAMETERS);
    assertThat(settings.preflight()).isEqualTo(GuardSettings.DEFAULT_PREFLIGHT);
  }

  @Test
  void startWhenPropertiesSetThenGuardSettingsCarryThem() {
    try (ApplicationContext context = start(settings("invokerguard.mode", "shadow",
        "invokerguard.allowed-clock-skew", "30s", "invokerguard.token-cache-size", "5",
        "invokerguard.audiences", "https://a.example,https://b.example"))) {
      GuardSettings settings = context.getBean(GuardSettings.class);

      assertThat(settings.mode()).isEqualTo(dev.invokerguard.EnforcementMode.SHADOW);
      assertThat(settings.allowedClockSkew()).isEqualTo(Duration.ofSeconds(30));
      assertThat(settings.tokenCacheSize()).isEqualTo(5);
      assertThat(settings.audiences()).containsExactly("https://a.example", "https://b.example");
    }
  }

  @Test
  void startWhenAudiencesMissingThenFailsNamingTheProperty() {
    Map<String, Object> properties = settings();
    properties.remove("invokerguard.audiences");

    assertStartFails(properties).isInstanceOf(InvokerGuardConfigurationException.class)
        .hasMessageContaining("invokerguard.audiences (INVOKERGUARD_AUDIENCES)");
  }

  @Test
  void startWhenNumberIsNotANumberThenFailsNamingTheProperty() {
    assertStartFails(settings("invokerguard.token-cache-size", "lots"))
        .isInstanceOf(InvokerGuardConfigurationException.class)
        .hasMessageContaining("invokerguard.token-cache-size (INVOKERGUARD_TOKEN_CACHE_SIZE)");
  }

  @Test
  void startWhenDurationIsBadThenFailsNamingTheProperty() {
    assertStartFails(settings("invokerguard.allowed-clock-skew", "a while"))
        .isInstanceOf(InvokerGuardConfigurationException.class)
        .hasMessageContaining("invokerguard.allowed-clock-skew (INVOKERGUARD_ALLOWED_CLOCK_SKEW)");
  }

  @Test
  void startWhenModeIsUnknownThenFailsNamingTheProperty() {
    assertStartFails(settings("invokerguard.mode", "lenient"))
        .isInstanceOf(InvokerGuardConfigurationException.class)
        .hasMessageContaining("invokerguard.mode (INVOKERGUARD_MODE)");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "decision-log-sample-rate | 2",
      "jwks-uri | http://keys.example.com/jwks",
      "allow-path-parameters | maybe",
      "policy-refresh-interval | soon",
      "allowed-clock-skew | 10m"})
  void startWhenValueInvalidThenFailsNamingPropertyAndVariable(String name, String value) {
    SettingKey key = SettingKey.byProperty("invokerguard." + name).orElseThrow();

    assertStartFails(settings(key.property(), value)).isInstanceOf(InvokerGuardConfigurationException.class)
        .hasMessageContaining(key.property() + " (" + key.env() + ")");
  }

  @Test
  void startWhenPolicyDoesNotExistThenFailsNamingTheProperty() {
    Throwable failure = org.assertj.core.api.Assertions.catchThrowable(
        () -> start(settings("invokerguard.policy", "classpath:missing.yaml")).close());
    Throwable configuration = failure;
    while (configuration != null && !(configuration instanceof InvokerGuardConfigurationException)) {
      configuration = configuration.getCause();
    }

    assertThat(configuration).as("the start-up failure's causes: %s", failure).isNotNull()
        .hasMessageContaining("invokerguard.policy (INVOKERGUARD_POLICY)");
  }

  @Test
  void startWhenDisabledThenNoInvokerGuardBeansAndNoSettingsNeeded() {
    try (ApplicationContext context = start(Map.of("invokerguard.enabled", "false"))) {
      assertThat(context.containsBean(InvokerGuardServerFilter.class)).isFalse();
      assertThat(context.containsBean(dev.invokerguard.runtime.GuardRuntime.class)).isFalse();
      assertThat(context.containsBean(dev.invokerguard.InvokerGuard.class)).isFalse();
      assertThat(context.containsBean(CallerArgumentBinder.class)).as("a @Nullable Caller still binds, to null")
          .isTrue();
    }
  }
}
