package dev.invokerguard.spring.metrics;

import dev.invokerguard.DecisionCounts;
import dev.invokerguard.InvokerGuard;
import dev.invokerguard.runtime.GuardRuntime;
import dev.invokerguard.token.KeySetStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Micrometer meters read from a running {@link GuardRuntime} (every tag value is bounded: outcomes, HTTP
 * statuses, the mode, and the configured key set URLs):
 * <ul>
 *   <li>{@code invokerguard.decisions} (counter; {@code outcome} allowed, denied or shadow-denied,
 *       {@code status}, {@code mode}): decisions taken;
 *   <li>{@code invokerguard.keys.fetches}, {@code invokerguard.keys.fetch.failures},
 *       {@code invokerguard.keys.unknown.kid.refetches} (counters; {@code key.set}) and
 *       {@code invokerguard.keys.age} (gauge, seconds; NaN before the first fetch);
 *   <li>{@code invokerguard.policy.age} (gauge, seconds; NaN before a policy loaded) and
 *       {@code invokerguard.policy.reload.failures} (counter).
 * </ul>
 */
public final class InvokerGuardMeters implements MeterBinder {
  static final List<Integer> DENIAL_STATUSES = List.of(400, 401, 403, 503);

  private final GuardRuntime runtime;

  public InvokerGuardMeters(GuardRuntime runtime) {
    this.runtime = runtime;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    InvokerGuard guard = runtime.guard();
    Tags mode = Tags.of("mode", guard.mode().name().toLowerCase(Locale.ROOT));
    decisions(registry, mode.and("outcome", "allowed", "status", "200"), DecisionCounts::allowed);
    decisions(registry, mode.and("outcome", "shadow-denied", "status", "200"), DecisionCounts::shadowDenied);
    for (int status : DENIAL_STATUSES) {
      decisions(registry, mode.and("outcome", "denied", "status", Integer.toString(status)),
          counts -> counts.deniedByStatus().getOrDefault(status, 0L));
    }
    for (KeySetStats keySet : runtime.keySetStats()) {
      URI uri = keySet.keySetUri();
      Tags tags = Tags.of("key.set", uri.toString());
      keyCounter(registry, "invokerguard.keys.fetches", "key set fetches", tags, uri, KeySetStats::fetches);
      keyCounter(registry, "invokerguard.keys.fetch.failures", "key set fetches that failed", tags, uri,
          KeySetStats::failures);
      keyCounter(registry, "invokerguard.keys.unknown.kid.refetches", "fetches for an unknown key id", tags,
          uri, KeySetStats::unknownKidRefetches);
      Gauge.builder("invokerguard.keys.age", this, meters -> {
        KeySetStats stats = meters.keySet(uri);
        return stats == null ? Double.NaN : seconds(stats.age());
      })
          .description("age of the keys served").baseUnit("seconds").tags(tags).register(registry);
    }
    Gauge.builder("invokerguard.policy.age", this, meters -> seconds(meters.runtime.policyStatus().age()))
        .description("age of the policy deciding requests").baseUnit("seconds").register(registry);
    FunctionCounter.builder("invokerguard.policy.reload.failures", this,
            meters -> meters.runtime.policyStatus().failures())
        .description("policy reloads that failed").register(registry);
  }

  private void decisions(MeterRegistry registry, Tags tags, ToDoubleFunction<DecisionCounts> count) {
    FunctionCounter.builder("invokerguard.decisions", runtime.guard(),
            guard -> count.applyAsDouble(guard.counts()))
        .description("decisions taken").tags(tags).register(registry);
  }

  private void keyCounter(MeterRegistry registry, String name, String description, Tags tags, URI uri,
      ToDoubleFunction<KeySetStats> count) {
    FunctionCounter.builder(name, this, meters -> {
      KeySetStats stats = meters.keySet(uri);
      return stats == null ? 0 : count.applyAsDouble(stats);
    }).description(description).tags(tags).register(registry);
  }

  private KeySetStats keySet(URI uri) {
    for (KeySetStats stats : runtime.keySetStats()) {
      if (stats.keySetUri().equals(uri)) {
        return stats;
      }
    }
    return null;
  }

  private static double seconds(Duration age) {
    return age == null ? Double.NaN : age.toMillis() / 1000.0;
  }
}
