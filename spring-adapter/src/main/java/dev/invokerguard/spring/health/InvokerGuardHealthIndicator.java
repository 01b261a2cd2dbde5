package dev.invokerguard.spring.health;

import dev.invokerguard.runtime.GuardHealth;
import dev.invokerguard.runtime.GuardRuntime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * The core's {@link GuardHealth} as an Actuator health indicator (component {@code invokerGuard}): UP and
 * DOWN as they are, and the core's DEGRADED (requests decided with last-good material) as the status
 * {@value #DEGRADED}, which Actuator answers with 200 unless the application maps it otherwise. Details: the
 * policy's etag, age and last error, each key source's status, age and last error, the reasons, and the policy's warnings (a service
 * policy open to {@code allUsers}).
 */
public final class InvokerGuardHealthIndicator implements HealthIndicator {
  /** The status code of a degraded guard. */
  public static final String DEGRADED = "DEGRADED";

  private final GuardRuntime runtime;

  public InvokerGuardHealthIndicator(GuardRuntime runtime) {
    this.runtime = runtime;
  }

  @Override
  public Health health() {
    GuardHealth health = runtime.health();
    Health.Builder builder = switch (health.status()) {
      case UP -> Health.up();
      case DOWN -> Health.down();
      case DEGRADED -> Health.status(new Status(DEGRADED));
    };
    if (health.policyEtag() != null) {
      builder.withDetail("policyEtag", health.policyEtag());
    }
    if (health.policyAge() != null) {
      builder.withDetail("policyAge", health.policyAge().toString());
    }
    if (health.policyError() != null) {
      builder.withDetail("policyError", health.policyError());
    }
    List<Map<String, Object>> keys = new ArrayList<>();
    for (GuardHealth.KeySourceHealth source : health.keySources()) {
      Map<String, Object> key = new LinkedHashMap<>();
      key.put("status", source.status().name());
      if (source.keySetUri() != null) {
        key.put("keySetUri", source.keySetUri().toString());
      }
      if (source.age() != null) {
        key.put("age", source.age().toString());
      }
      if (source.lastError() != null) {
        key.put("lastError", source.lastError());
      }
      keys.add(key);
    }
    builder.withDetail("keySources", keys);
    if (!health.reasons().isEmpty()) {
      builder.withDetail("reasons", health.reasons());
    }
    if (!health.warnings().isEmpty()) {
      builder.withDetail("warnings", health.warnings());
    }
    if (health.cloudRunComparison() != null) {
      builder.withDetail("cloudRunComparison", Map.of("agreements", health.cloudRunComparison().agreements(),
          "disagreements", health.cloudRunComparison().disagreements()));
    }
    return builder.build();
  }
}
