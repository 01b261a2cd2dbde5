package dev.invokerguard.identity;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.invokerguard.Internal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import org.jspecify.annotations.Nullable;

/**
 * Caches another resolver's answers per caller principal for a fixed time. Failures are not cached: the
 * next request asks again. Concurrent lookups of one caller share one call to the resolver. Time comes from
 * the injected clock. {@link #groupsOf} asks the resolver on the calling thread; {@link #pendingFetch} asks
 * it on the executor, for callers that must not wait.
 */
@Internal
public final class CachingGroupResolver implements GroupResolver {
  private final GroupResolver delegate;
  private final AsyncCache<String, Set<String>> cache;
  private final Executor executor;

  private CachingGroupResolver(GroupResolver delegate, Duration ttl, long maxEntries, Ticker ticker,
      Executor executor) {
    this.delegate = delegate;
    this.executor = executor;
    this.cache = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(maxEntries).ticker(ticker)
        .buildAsync();
  }

  /**
   * @param delegate the resolver that answers on a miss
   * @param ttl how long an answer is kept
   * @param maxEntries how many callers are kept
   * @param clock the time source of expiry
   */
  public static CachingGroupResolver wrap(GroupResolver delegate, Duration ttl, long maxEntries, Clock clock) {
    return wrap(delegate, ttl, maxEntries, clock, ForkJoinPool.commonPool());
  }

  /** As {@link #wrap(GroupResolver, Duration, long, Clock)}; misses of {@link #pendingFetch} run on {@code executor}. */
  public static CachingGroupResolver wrap(GroupResolver delegate, Duration ttl, long maxEntries, Clock clock,
      Executor executor) {
    Objects.requireNonNull(delegate, "delegate");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(executor, "executor");
    if (ttl == null || ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("group cache ttl must be positive: " + ttl);
    }
    if (maxEntries < 1) {
      throw new IllegalArgumentException("group cache size must be positive: " + maxEntries);
    }
    return new CachingGroupResolver(delegate, ttl, maxEntries, () -> nanos(clock.instant()), executor);
  }

  @Override
  public Set<String> groupsOf(Caller caller) {
    CompletableFuture<Set<String>> mine = new CompletableFuture<>();
    CompletableFuture<Set<String>> existing = cache.asMap().putIfAbsent(caller.principal(), mine);
    if (existing != null) {
      return join(existing);
    }
    try {
      mine.complete(Set.copyOf(delegate.groupsOf(caller)));
    } catch (RuntimeException e) {
      mine.completeExceptionally(e);
      cache.asMap().remove(caller.principal(), mine);
      throw e;
    }
    return join(mine);
  }

  /**
   * {@code null} when this caller's groups are in memory (or their lookup just failed: {@link #groupsOf}
   * then answers at once); otherwise the lookup to wait for, started on the executor unless one is in
   * flight. Never waits.
   */
  public @Nullable CompletableFuture<?> pendingFetch(Caller caller) {
    CompletableFuture<Set<String>> known = cache.getIfPresent(caller.principal());
    if (known != null) {
      return known.isDone() ? null : known;
    }
    return cache.get(caller.principal(), (principal, runner) ->
        delegate.groupsOfAsync(caller, executor).thenApply(Set::copyOf).toCompletableFuture());
  }

  private static Set<String> join(CompletableFuture<Set<String>> answer) {
    try {
      return answer.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }

  private static long nanos(Instant instant) {
    return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
  }
}
