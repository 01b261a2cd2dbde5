package dev.invokerguard.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.invokerguard.Internal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * Caches another resolver's answers per caller principal for a fixed time. Failures are not cached: the
 * next request asks again. Time comes from the injected clock.
 */
@Internal
public final class CachingGroupResolver implements GroupResolver {
  private final GroupResolver delegate;
  private final Cache<String, Set<String>> cache;

  private CachingGroupResolver(GroupResolver delegate, Duration ttl, long maxEntries, Ticker ticker) {
    this.delegate = delegate;
    this.cache = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(maxEntries).ticker(ticker).build();
  }

  /**
   * @param delegate the resolver that answers on a miss
   * @param ttl how long an answer is kept
   * @param maxEntries how many callers are kept
   * @param clock the time source of expiry
   */
  public static CachingGroupResolver wrap(GroupResolver delegate, Duration ttl, long maxEntries, Clock clock) {
    Objects.requireNonNull(delegate, "delegate");
    Objects.requireNonNull(clock, "clock");
    if (ttl == null || ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("group cache ttl must be positive: " + ttl);
    }
    if (maxEntries < 1) {
      throw new IllegalArgumentException("group cache size must be positive: " + maxEntries);
    }
    return new CachingGroupResolver(delegate, ttl, maxEntries, () -> nanos(clock.instant()));
  }

  @Override
  public Set<String> groupsOf(Caller caller) {
    return cache.get(caller.principal(), key -> Set.copyOf(delegate.groupsOf(caller)));
  }

  private static long nanos(Instant instant) {
    return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
  }
}
