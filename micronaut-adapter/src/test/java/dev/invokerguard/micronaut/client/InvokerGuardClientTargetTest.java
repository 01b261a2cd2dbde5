package dev.invokerguard.micronaut.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invokerguard.client.OutboundTarget;
import dev.invokerguard.client.OutboundTokens;
import dev.invokerguard.client.TokenHeader;
import dev.invokerguard.testing.FakeMetadataServer;
import dev.invokerguard.testing.TestIssuer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.context.env.PropertySource;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * {@code invokerguard.client.targets} set through {@code INVOKERGUARD_CLIENT_TARGETS_<i>_*} environment
 * variables, as on Cloud Run. The variables go through a property source with Micronaut's environment-variable
 * convention, the one its {@code EnvironmentPropertySource} reads the process environment with.
 */
class InvokerGuardClientTargetTest {
  private static final TestIssuer ISSUER = TestIssuer.start();
  private static final FakeMetadataServer METADATA =
      FakeMetadataServer.start(ISSUER, OutboundSettings.SERVICE_ACCOUNT);

  @AfterAll
  static void stop() {
    METADATA.close();
    ISSUER.close();
  }

  private static ApplicationContext start(String... variables) {
    Map<String, Object> env = new LinkedHashMap<>();
    for (int i = 0; i + 1 < variables.length; i += 2) {
      env.put(variables[i], variables[i + 1]);
    }
    return ApplicationContext.builder(Environment.TEST)
        .properties(Map.of(OutboundSettings.METADATA_HOST, METADATA.host(), "invokerguard.enabled", "false"))
        .propertySources(PropertySource.of("test-env", env, PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE))
        .start();
  }

  @Test
  void targetsWhenSetByEnvironmentVariablesThenBoundInTheirOrder() {
    try (ApplicationContext context = start(
        "INVOKERGUARD_CLIENT_TARGETS_0_URL", "https://backend-123456789012.europe-west1.run.app",
        "INVOKERGUARD_CLIENT_TARGETS_1_URL", "https://reports.example.com/api",
        "INVOKERGUARD_CLIENT_TARGETS_1_AUDIENCE", "https://reports-123456789012.europe-west1.run.app",
        "INVOKERGUARD_CLIENT_TARGETS_1_HEADER", "x-serverless-authorization")) {

      assertThat(context.getBean(OutboundTokens.class).targets()).containsExactly(
          OutboundTarget.of("https://backend-123456789012.europe-west1.run.app"),
          OutboundTarget.of("https://reports.example.com/api")
              .withAudience("https://reports-123456789012.europe-west1.run.app")
              .withHeader(TokenHeader.X_SERVERLESS_AUTHORIZATION));
    }
  }

  @Test
  void startWhenEnvironmentTargetHasNoUrlThenFailsNamingTheEntry() {
    assertThatThrownBy(() -> start("INVOKERGUARD_CLIENT_TARGETS_0_AUDIENCE", "https://a.example.com").close())
        .hasStackTraceContaining("invokerguard.client.targets[0].url is required");
  }

  @Test
  void targetsWhenListAndEnvironmentVariableForTheSameIndexThenTheVariableWins() {
    try (ApplicationContext context = ApplicationContext.builder(Environment.TEST)
        .properties(Map.of(OutboundSettings.METADATA_HOST, METADATA.host(), "invokerguard.enabled", "false",
            "invokerguard.client.targets[0].url", "https://a.example.com",
            "invokerguard.client.targets[0].header", "authorization",
            "invokerguard.client.targets[1].url", "https://b.example.com"))
        .propertySources(PropertySource.of("test-env",
            Map.of("INVOKERGUARD_CLIENT_TARGETS_0_AUDIENCE", "https://a-123.run.app"),
            PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE))
        .start()) {

      assertThat(context.getBean(OutboundTokens.class).targets()).containsExactly(
          OutboundTarget.of("https://a.example.com").withAudience("https://a-123.run.app")
              .withHeader(TokenHeader.AUTHORIZATION),
          OutboundTarget.of("https://b.example.com"));
    }
  }

  @Test
  void startWhenEnvironmentTargetIsNotNumberedThenFailsNamingIt() {
    assertThatThrownBy(() -> start("INVOKERGUARD_CLIENT_TARGETS_BACKEND_URL", "https://a.example.com").close())
        .hasStackTraceContaining("invokerguard.client.targets.backend: not a target");
  }

  @Test
  void startWhenNoTargetVariablesThenNoOutboundTokens() {
    try (ApplicationContext context = start("INVOKERGUARD_CLIENT_OTHER", "x")) {
      assertThat(context.containsBean(OutboundTokens.class)).isFalse();
    }
  }
}
