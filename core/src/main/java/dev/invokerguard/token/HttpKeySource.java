package dev.invokerguard.token;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The public keys published at one HTTPS location, fetched with {@link KeySetFetcher}, parsed with
 * {@link KeySetParser} and kept in memory for the response's RFC 9111 freshness lifetime
 * ({@link CacheLifetime}).
 *
 * <ul>
 *   <li>Refresh ahead: once {@value #REFRESH_AHEAD_PERCENT}% of the lifetime has passed, the next
 *       {@link #find} dispatches a refetch to the refresh executor and answers from the keys it has.
 *   <li>Single flight: at most one fetch runs at a time; callers that need keys share it.
 *   <li>Unknown {@code kid}: at most one refetch per {@code unknownKidInterval}, run on the caller's thread;
 *       every "unknown kid" answer is remembered for the same interval (Caffeine, ticking on the clock;
 *       kids over {@value #MAX_REMEMBERED_KID_LENGTH} characters are not remembered, the refetch limit
 *       still holds for them) and forgotten when a new key set arrives.
 *   <li>Stale on error: a failed fetch keeps the last good keys, which serve until
 *       {@code expiresAt + maxStaleness}. A failure is never stored as "no keys".
 *   <li>Backoff: after a failed fetch no fetch is triggered by {@link #find} for {@code unknownKidInterval}
 *       (refresh ahead, unknown kid and recovery alike); the first access after that retries.
 *       {@link #prefetch} is an explicit call and is not held back.
 *   <li>No usable keys (first fetch failed, or staleness exceeded): {@link KeyLookup.Status#UNAVAILABLE},
 *       never {@link KeyLookup.Status#UNKNOWN_KID}.
 * </ul>
 *
 * <p>All time comes from the injected {@link Clock}. Never throws from {@link #find}, {@link #prefetch},
 * {@link #stats} or {@link #close}.
 */
final class HttpKeySource implements KeySource {
  static final int REFRESH_AHEAD_PERCENT = 80;
  private static final int MAX_REMEMBERED_UNKNOWN_KIDS = 10_000;
  private static final int MAX_REMEMBERED_KID_LENGTH = 128;
  private static final Logger log = LoggerFactory.getLogger(HttpKeySource.class);

  private enum Reason { FIRST_OR_RECOVERY, REFRESH_AHEAD, UNKNOWN_KID, PREFETCH }

  private final URI uri;
  private final TokenFamily.KeySetFormat format;
  private final KeySetSettings settings;
  private final Clock clock;
  private final Executor refreshExecutor;
  private final ExecutorService ownedExecutor;
  private final KeySetFetcher fetcher;
  private final Duration awaitLimit;
  private final Cache<String, Boolean> unknownKids;

  private final SingleFlight flight = new SingleFlight();
  private final AtomicReference<Instant> nextUnknownKidRefetch = new AtomicReference<>(Instant.MIN);
  private final AtomicLong fetches = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final AtomicLong unknownKidRefetches = new AtomicLong();
  private volatile CachedKeySet current;
  private volatile Instant retryNotBefore = Instant.MIN;
  private volatile String lastError;
  private volatile boolean closed;

  HttpKeySource(URI uri, TokenFamily.KeySetFormat format, KeySetSettings settings, Clock clock,
      Executor refreshExecutor) {
    this.uri = Objects.requireNonNull(uri, "uri");
    this.format = Objects.requireNonNull(format, "format");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.ownedExecutor = refreshExecutor == null ? newDaemonExecutor() : null;
    this.refreshExecutor = refreshExecutor == null ? ownedExecutor : refreshExecutor;
    this.fetcher = new KeySetFetcher(uri, settings.connectTimeout(), settings.readTimeout());
    this.awaitLimit = settings.connectTimeout().plus(settings.readTimeout()).plusSeconds(1);
    this.unknownKids = Caffeine.newBuilder()
        .ticker(clockTicker(clock))
        .executor(Runnable::run)
        .expireAfterWrite(settings.unknownKidInterval())
        .maximumSize(MAX_REMEMBERED_UNKNOWN_KIDS)
        .build();
  }

  @Override
  public KeyLookup find(String kid) {
    try {
      if (kid == null || kid.isEmpty()) {
        return KeyLookup.unknownKid("the token names no kid");
      }
      Instant now = clock.instant();
      CachedKeySet keys = current;
      if (keys == null || !keys.usableAt(now)) {
        return findWithoutUsableKeys(kid, now);
      }
      if (keys.refreshDueAt(now) && fetchAllowedAt(now)) {
        startFetch(Reason.REFRESH_AHEAD, refreshExecutor);
      }
      KeyLookup found = keys.lookup(kid);
      return found != null ? found : findUnknown(kid, now);
    } catch (RuntimeException e) {
      log.warn("key lookup at {} failed", uri, e);
      return KeyLookup.unavailable("key lookup failed: " + e.getClass().getSimpleName());
    }
  }

  @Override
  public @Nullable CompletableFuture<Void> pendingFetch(String kid) {
    try {
      if (kid == null || kid.isEmpty() || closed) {
        return null;
      }
      Instant now = clock.instant();
      CachedKeySet keys = current;
      if (keys != null && keys.usableAt(now)
          && (keys.lookup(kid) != null || unknownKids.getIfPresent(kid) != null)) {
        return null;
      }
      CompletableFuture<Void> running = flight.running();
      if (running != null) {
        return running;
      }
      if (keys == null || !keys.usableAt(now)) {
        return fetchAllowedAt(now) ? startFetch(Reason.FIRST_OR_RECOVERY, refreshExecutor) : null;
      }
      return fetchAllowedAt(now) && claimUnknownKidRefetch(now)
          ? startFetch(Reason.UNKNOWN_KID, refreshExecutor) : null;
    } catch (RuntimeException e) {
      log.warn("key probe at {} failed", uri, e);
      return null;
    }
  }

  private KeyLookup findWithoutUsableKeys(String kid, Instant now) {
    if (closed) {
      return KeyLookup.unavailable("no usable keys from " + uri + "; the key source is closed");
    }
    CompletableFuture<Void> pending = flight.running();
    if (pending == null) {
      if (!fetchAllowedAt(now)) {
        return KeyLookup.unavailable(noKeysDetail());
      }
      pending = startFetch(Reason.FIRST_OR_RECOVERY, Runnable::run);
    }
    await(pending);
    CachedKeySet keys = current;
    if (keys == null || !keys.usableAt(clock.instant())) {
      return KeyLookup.unavailable(noKeysDetail());
    }
    KeyLookup found = keys.lookup(kid);
    return found != null ? found : rememberUnknown(kid);
  }

  private KeyLookup findUnknown(String kid, Instant now) {
    if (unknownKids.getIfPresent(kid) != null) {
      return KeyLookup.unknownKid("kid not in the key set of " + uri + " (answer remembered)");
    }
    CompletableFuture<Void> pending = closed ? null : flight.running();
    if (pending == null && fetchAllowedAt(now) && claimUnknownKidRefetch(now)) {
      pending = startFetch(Reason.UNKNOWN_KID, Runnable::run);
    }
    if (pending != null) {
      await(pending);
      CachedKeySet keys = current;
      KeyLookup found = keys == null ? null : keys.lookup(kid);
      if (found != null) {
        return found;
      }
    }
    return rememberUnknown(kid);
  }

  private KeyLookup rememberUnknown(String kid) {
    if (kid.length() <= MAX_REMEMBERED_KID_LENGTH) {
      unknownKids.put(kid, Boolean.TRUE);
    }
    if (log.isDebugEnabled()) {
      log.debug("kid {} is not in the key set of {}", printable(kid), uri);
    }
    return KeyLookup.unknownKid("kid not in the key set of " + uri);
  }

  private boolean claimUnknownKidRefetch(Instant now) {
    Instant next = nextUnknownKidRefetch.get();
    return !now.isBefore(next)
        && nextUnknownKidRefetch.compareAndSet(next, now.plus(settings.unknownKidInterval()));
  }

  private boolean fetchAllowedAt(Instant now) {
    return !closed && !now.isBefore(retryNotBefore);
  }

  @Override
  public boolean prefetch() {
    try {
      CompletableFuture<Void> fetch = prefetchUnlessUsable(Runnable::run);
      if (fetch != null) {
        await(fetch);
      }
      return usableNow();
    } catch (RuntimeException e) {
      log.warn("prefetch of {} failed", uri, e);
      return false;
    }
  }

  @Override
  public CompletableFuture<Boolean> startPrefetch() {
    try {
      CompletableFuture<Void> fetch = prefetchUnlessUsable(refreshExecutor);
      if (fetch == null) {
        return CompletableFuture.completedFuture(usableNow());
      }
      return fetch.handle((done, error) -> {
        if (error != null) {
          log.warn("prefetch of {} failed", uri, error);
        }
        return usableNow();
      });
    } catch (RuntimeException e) {
      log.warn("prefetch of {} failed", uri, e);
      return CompletableFuture.completedFuture(false);
    }
  }

  /**
   * The prefetch to wait for, started on {@code runner} unless one is in flight; {@code null} when usable keys
   * are cached or the source is closed.
   */
  private @Nullable CompletableFuture<Void> prefetchUnlessUsable(Executor runner) {
    return usableNow() || closed ? null : startFetch(Reason.PREFETCH, runner);
  }

  private boolean usableNow() {
    CachedKeySet keys = current;
    return keys != null && keys.usableAt(clock.instant());
  }

  /** Starts a fetch on {@code runner} unless one is in flight; either way returns the fetch to wait for. */
  private CompletableFuture<Void> startFetch(Reason reason, Executor runner) {
    return flight.start(() -> fetchAndInstall(reason), runner);
  }

  private void fetchAndInstall(Reason reason) {
    fetches.incrementAndGet();
    if (reason == Reason.UNKNOWN_KID) {
      unknownKidRefetches.incrementAndGet();
    }
    try {
      KeySetFetcher.Response response = fetcher.fetch();
      if (!response.succeeded()) {
        recordFailure(response.error());
        return;
      }
      KeySetParser.Result parsed = KeySetParser.parse(response.body(), format);
      if (!parsed.succeeded()) {
        recordFailure(parsed.error());
        return;
      }
      Duration lifetime = CacheLifetime.of(response.allValues("Cache-Control"),
          response.firstValue("Age"), settings.minLifetime(), settings.maxLifetime());
      CachedKeySet keys = CachedKeySet.of(parsed.keys(), clock.instant(), lifetime,
          REFRESH_AHEAD_PERCENT, settings.maxStaleness());
      current = keys;
      lastError = null;
      retryNotBefore = Instant.MIN;
      unknownKids.invalidateAll();
      log.debug("fetched {} keys from {} ({}), fresh until {}", keys.keys().size(), uri, reason,
          keys.expiresAt());
    } catch (RuntimeException e) {
      recordFailure(e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private void recordFailure(String error) {
    Instant now = clock.instant();
    failures.incrementAndGet();
    lastError = error;
    retryNotBefore = now.plus(settings.unknownKidInterval());
    CachedKeySet keys = current;
    if (keys != null && keys.usableAt(now)) {
      log.warn("fetching keys from {} failed: {}; serving keys fetched at {} until {} at the latest",
          uri, error, keys.fetchedAt(), keys.staleUntil());
    } else {
      log.warn("fetching keys from {} failed: {}; no usable keys, next attempt after {}", uri, error,
          retryNotBefore);
    }
  }

  private void await(CompletableFuture<Void> pending) {
    if (!SingleFlight.await(pending, awaitLimit)) {
      log.debug("gave up waiting for the fetch of {}", uri);
    }
  }

  private String noKeysDetail() {
    String error = lastError;
    return "no usable keys from " + uri + (error == null ? "" : ": " + error)
        + "; next attempt after " + retryNotBefore;
  }

  @Override
  public KeySetStats stats() {
    Instant now = clock.instant();
    CachedKeySet keys = current;
    if (keys == null) {
      return new KeySetStats(uri, fetches.get(), failures.get(), unknownKidRefetches.get(), 0, null, null,
          null, lastError);
    }
    int serving = keys.usableAt(now) ? keys.keys().size() : 0;
    return new KeySetStats(uri, fetches.get(), failures.get(), unknownKidRefetches.get(), serving,
        keys.fetchedAt(), Duration.between(keys.fetchedAt(), now), keys.expiresAt(), lastError);
  }

  @Override
  public void close() {
    closed = true;
    if (ownedExecutor != null) {
      ownedExecutor.shutdownNow();
    }
    flight.abandon();
  }

  private static ExecutorService newDaemonExecutor() {
    return Executors.newSingleThreadExecutor(task -> {
      Thread thread = new Thread(task, "invokerguard-key-refresh");
      thread.setDaemon(true);
      return thread;
    });
  }

  private static Ticker clockTicker(Clock clock) {
    return () -> {
      Instant now = clock.instant();
      return TimeUnit.SECONDS.toNanos(now.getEpochSecond()) + now.getNano();
    };
  }

  /** A kid from a token, safe to log: printable ASCII, at most 64 characters. */
  private static String printable(String kid) {
    String cut = kid.length() > 64 ? kid.substring(0, 64) + "..." : kid;
    return cut.replaceAll("[^\\x20-\\x7e]", "?");
  }
}
