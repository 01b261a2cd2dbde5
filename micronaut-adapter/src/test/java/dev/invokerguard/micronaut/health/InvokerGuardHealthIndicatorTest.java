package dev.invokerguard.micronaut.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invokerguard.runtime.GuardHealth;
import dev.invokerguard.runtime.GuardHealth.KeySourceHealth;
import dev.invokerguard.runtime.GuardHealth.Status;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthResult;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The core's health as Micronaut's: status, details, and DEGRADED's rank among Micronaut's statuses. */
class InvokerGuardHealthIndicatorTest {
  private static final URI KEYS = URI.create("https://www.googleapis.com/oauth2/v3/certs");

  @Test
  void resultWhenUpThenUpWithPolicyAndKeyDetails() {
    GuardHealth health = new GuardHealth(Status.UP, "BwYetag=", Duration.ofSeconds(12), null,
        List.of(new KeySourceHealth(KEYS, Status.UP, Duration.ofMinutes(3), null)), List.of());

    HealthResult result = InvokerGuardHealthIndicator.result(health);

    assertThat(result.getName()).isEqualTo(InvokerGuardHealthIndicator.NAME);
    assertThat(result.getStatus()).isEqualTo(HealthStatus.UP);
    assertThat(details(result)).containsEntry("policyEtag", "BwYetag=").containsEntry("policyAge", "PT12S")
        .doesNotContainKeys("policyError", "reasons");
    assertThat(details(result).get("keySources")).isEqualTo(
        List.of(Map.of("keySetUri", KEYS.toString(), "status", "UP", "age", "PT3M")));
  }

  @Test
  void resultWhenDegradedThenDegradedWithErrorsAndReasons() {
    GuardHealth health = new GuardHealth(Status.DEGRADED, "BwYetag=", Duration.ofMinutes(5), "reload failed",
        List.of(new KeySourceHealth(KEYS, Status.DEGRADED, Duration.ofHours(7), "HTTP 500")),
        List.of("reloads fail", "keys past their lifetime"));

    HealthResult result = InvokerGuardHealthIndicator.result(health);

    assertThat(result.getStatus()).isEqualTo(InvokerGuardHealthIndicator.DEGRADED);
    assertThat(details(result)).containsEntry("policyError", "reload failed")
        .containsEntry("reasons", List.of("reloads fail", "keys past their lifetime"));
    assertThat(details(result).get("keySources")).isEqualTo(List.of(Map.of("keySetUri", KEYS.toString(),
        "status", "DEGRADED", "age", "PT7H", "lastError", "HTTP 500")));
  }

  @Test
  void resultWhenDownWithoutPolicyOrKeysThenDownWithReasonsOnly() {
    GuardHealth health = new GuardHealth(Status.DOWN, null, null, "cannot be loaded",
        List.of(new KeySourceHealth(KEYS, Status.DOWN, null, "connection refused")), List.of("no policy"));

    HealthResult result = InvokerGuardHealthIndicator.result(health);

    assertThat(result.getStatus()).isEqualTo(HealthStatus.DOWN);
    assertThat(details(result)).doesNotContainKeys("policyEtag", "policyAge")
        .containsEntry("reasons", List.of("no policy"));
  }

  @Test
  void degradedWhenMicronautOrdersStatusesThenBetweenUpAndDown() {
    List<HealthStatus> sorted = Stream.of(HealthStatus.DOWN, InvokerGuardHealthIndicator.DEGRADED,
        HealthStatus.UP).sorted().toList();

    assertThat(sorted).containsExactly(HealthStatus.UP, InvokerGuardHealthIndicator.DEGRADED, HealthStatus.DOWN);
    assertThat(Stream.of(InvokerGuardHealthIndicator.DEGRADED, HealthStatus.UP).sorted().toList())
        .containsExactly(HealthStatus.UP, InvokerGuardHealthIndicator.DEGRADED);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> details(HealthResult result) {
    return (Map<String, Object>) result.getDetails();
  }
}
