package dev.invokerguard.micrometer;

import dev.invokerguard.identity.GroupLookupException;
import dev.invokerguard.identity.GroupLookupStats;
import dev.invokerguard.runtime.GuardRuntime;
import dev.invokerguard.token.KeySetStats;
import dev.invokerguard.token.TokenCacheStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.jspecify.annotations.Nullable;

/**
 * Meters read from a running {@link GuardRuntime} when the registry is scraped (every tag value is bounded: the
 * configured key set URLs and the cache result):
 * <ul>
 *   <li>{@code invokerguard.keys.fetches}, {@code invokerguard.keys.fetch.failures},
 *       {@code invokerguard.keys.unknown.kid.refetches} (function counters; {@code key.set}) and
 *       {@code invokerguard.keys.age} (gauge, seconds; NaN before the first fetch);
 *   <li>{@code invokerguard.token.cache.gets} (function counter; {@code result} {@code hit} or {@code miss}: a hit
 *       skipped the signature check) and {@code invokerguard.token.cache.size} (gauge, tokens held);
 *   <li>{@code invokerguard.policy.age} (gauge, seconds; NaN before a policy loaded) and
 *       {@code invokerguard.policy.reload.failures} (function counter);
 *   <li>with group lookups ({@code invokerguard.groups=cloud-identity} or {@code directory}):
 *       {@code invokerguard.groups.lookups} (function counter; {@code outcome} {@code member},
 *       {@code non-member}, {@code cache-hit}, {@code stale}, or a failure: {@code timeout}, {@code server-error},
 *       {@code rate-limited}, {@code forbidden}, {@code failed}).
 * </ul>
 * Requests are timed by {@link RequestMetrics}.
 */
public final class InvokerGuardMeters implements MeterBinder {
  private final GuardRuntime runtime;

  public InvokerGuardMeters(GuardRuntime runtime) {
    this.runtime = runtime;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    for (KeySetStats keySet : runtime.keySetStats()) {
      URI uri = keySet.keySetUri();
      Tags tags = Tags.of("key.set", uri.toString());
      keyCounter(registry, "invokerguard.keys.fetches", "key set fetches", tags, uri, KeySetStats::fetches);
      keyCounter(registry, "invokerguard.keys.fetch.failures", "key set fetches that failed", tags, uri,
          KeySetStats::failures);
      keyCounter(registry, "invokerguard.keys.unknown.kid.refetches", "fetches for an unknown key id", tags,
          uri, KeySetStats::unknownKidRefetches);
      Gauge.builder("invokerguard.keys.age", runtime, r -> {
        KeySetStats stats = keySet(r, uri);
        return stats == null ? Double.NaN : seconds(stats.age());
      })
          .description("age of the keys served").baseUnit("seconds").tags(tags).register(registry);
    }
    tokenCache(registry, "hit", TokenCacheStats::hits);
    tokenCache(registry, "miss", TokenCacheStats::misses);
    Gauge.builder("invokerguard.token.cache.size", runtime, r -> r.tokenCacheStats().entries())
        .description("verified tokens held in the cache").register(registry);
    Gauge.builder("invokerguard.policy.age", runtime, r -> seconds(r.policyStatus().age()))
        .description("age of the policy deciding requests").baseUnit("seconds").register(registry);
    FunctionCounter.builder("invokerguard.policy.reload.failures", runtime, r -> r.policyStatus().failures())
        .description("policy reloads that failed").register(registry);
    if (runtime.guard().groupLookupStats().isPresent()) {
      groupLookups(registry, "member", GroupLookupStats::members);
      groupLookups(registry, "non-member", GroupLookupStats::nonMembers);
      groupLookups(registry, "cache-hit", GroupLookupStats::cacheHits);
      groupLookups(registry, "stale", GroupLookupStats::staleAnswers);
      for (GroupLookupException.Code code : GroupLookupException.Code.values()) {
        groupLookups(registry, code.name().toLowerCase(Locale.ROOT).replace('_', '-'),
            stats -> stats.failures().getOrDefault(code, 0L));
      }
    }
  }

  private void groupLookups(MeterRegistry registry, String outcome, ToDoubleFunction<GroupLookupStats> count) {
    FunctionCounter.builder("invokerguard.groups.lookups", runtime,
            r -> r.guard().groupLookupStats().map(count::applyAsDouble).orElse(0.0))
        .description("group membership questions, by how they were answered").tags("outcome", outcome)
        .register(registry);
  }

  private void tokenCache(MeterRegistry registry, String result, ToDoubleFunction<TokenCacheStats> count) {
    FunctionCounter.builder("invokerguard.token.cache.gets", runtime,
            r -> count.applyAsDouble(r.tokenCacheStats()))
        .description("verified-token cache lookups; a hit skips the signature check")
        .tags("result", result).register(registry);
  }

  private void keyCounter(MeterRegistry registry, String name, String description, Tags tags, URI uri,
      ToDoubleFunction<KeySetStats> count) {
    FunctionCounter.builder(name, runtime, r -> {
      KeySetStats stats = keySet(r, uri);
      return stats == null ? 0 : count.applyAsDouble(stats);
    }).description(description).tags(tags).register(registry);
  }

  private static @Nullable KeySetStats keySet(GuardRuntime runtime, URI uri) {
    for (KeySetStats stats : runtime.keySetStats()) {
      if (stats.keySetUri().equals(uri)) {
        return stats;
      }
    }
    return null;
  }

  private static double seconds(@Nullable Duration age) {
    return age == null ? Double.NaN : age.toMillis() / 1000.0;
  }
}
