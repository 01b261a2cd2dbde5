package dev.invokerguard.micronaut.health;

import dev.invokerguard.micronaut.InvokerGuardConfiguration;
import dev.invokerguard.runtime.GuardHealth;
import dev.invokerguard.runtime.GuardRuntime;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.core.util.StringUtils;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.reactivestreams.Publisher;

/**
 * The core's {@link GuardHealth} as a Micronaut health indicator (component {@value #NAME} of the
 * {@code /health} endpoint), present when the application has {@code micronaut-management}:
 *
 * <ul>
 *   <li>UP and DOWN as they are; DOWN makes {@code /health} answer 503, Micronaut's default mapping;
 *   <li>the core's DEGRADED (requests are decided, with last-good policy or keys) as the status
 *       {@link #DEGRADED}, worse than UP and better than DOWN when Micronaut aggregates the indicators, and
 *       answered 200 unless the application maps it otherwise ({@code endpoints.health.status.http-mapping});
 *   <li>details: the policy's etag, age ({@link java.time.Duration} text, {@code PT12S}) and last error; for
 *       each key source its URL, status, age and last error; the reasons the status is not UP.
 * </ul>
 *
 * <p>{@code /health} is behind the invoker check like every path: the policy says who may read it. Which of
 * them see the details is Micronaut's {@code endpoints.health.details-visible}.
 */
@Singleton
@Requires(classes = HealthIndicator.class)
@Requires(beans = GuardRuntime.class)
@Requires(property = InvokerGuardConfiguration.ENABLED_PROPERTY, notEquals = StringUtils.FALSE)
public final class InvokerGuardHealthIndicator implements HealthIndicator {
  /** The indicator's name in the {@code /health} answer. */
  public static final String NAME = "invokerGuard";
  /**
   * Requests are decided with last-good material. Without an {@code operational} flag, so that Micronaut's
   * ordering ranks it by severity: above UP, below DOWN.
   */
  public static final HealthStatus DEGRADED = new HealthStatus("DEGRADED",
      "requests are decided with a last-good policy or keys", null, 500);

  private final Supplier<GuardHealth> health;

  /**
   * @param runtime the running guard whose health is reported
   */
  public InvokerGuardHealthIndicator(GuardRuntime runtime) {
    this(runtime::health);
  }

  InvokerGuardHealthIndicator(Supplier<GuardHealth> health) {
    this.health = health;
  }

  @Override
  public Publisher<HealthResult> getResult() {
    return Publishers.just(result(health.get()));
  }

  /** The health as Micronaut's result: status and details. */
  static HealthResult result(GuardHealth health) {
    return HealthResult.builder(NAME, status(health.status())).details(details(health)).build();
  }

  static HealthStatus status(GuardHealth.Status status) {
    return switch (status) {
      case UP -> HealthStatus.UP;
      case DEGRADED -> DEGRADED;
      case DOWN -> HealthStatus.DOWN;
    };
  }

  private static Map<String, Object> details(GuardHealth health) {
    Map<String, Object> details = new LinkedHashMap<>();
    putIfPresent(details, "policyEtag", health.policyEtag());
    putIfPresent(details, "policyAge", health.policyAge());
    putIfPresent(details, "policyError", health.policyError());
    List<Map<String, Object>> keys = new ArrayList<>();
    for (GuardHealth.KeySourceHealth source : health.keySources()) {
      Map<String, Object> key = new LinkedHashMap<>();
      putIfPresent(key, "keySetUri", source.keySetUri());
      key.put("status", source.status().name());
      putIfPresent(key, "age", source.age());
      putIfPresent(key, "lastError", source.lastError());
      keys.add(key);
    }
    details.put("keySources", keys);
    if (!health.reasons().isEmpty()) {
      details.put("reasons", health.reasons());
    }
    return details;
  }

  private static void putIfPresent(Map<String, Object> map, String name, Object value) {
    if (value != null) {
      map.put(name, value.toString());
    }
  }
}
