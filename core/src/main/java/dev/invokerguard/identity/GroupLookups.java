package dev.invokerguard.identity;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.invokerguard.Internal;
import dev.invokerguard.identity.GroupLookupException.Code;
import dev.invokerguard.identity.GroupMembership.Answer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group memberships asked one (group, member) pair at a time through a {@link MembershipLookup}, with the
 * answers cached: "member" for {@link GroupLookupLimits#memberTtl}, "not a member" for {@link GroupLookupLimits#nonMemberTtl} (the
 * delay before a membership change takes effect), at most {@link GroupLookupLimits#maxEntries} pairs. Concurrent
 * questions about one pair make one call. Calls are limited to {@link GroupLookupLimits#callsPerSecond}; beyond it, and
 * while the API's 429 backoff ({@code Retry-After}, else doubling from one second up to a minute) runs, the
 * answer is unknown at once. Failures are not cached, never grant, are counted and logged; a 403 (a missing
 * role or edition) is logged as an error once.
 *
 * <p>When a lookup fails (or is refused by the rate limit or a backoff) and the pair was answered before, that
 * last answer is served while it is at most its TTL plus {@link #STALE_FOR} old: an outage of the API does not
 * lock out every group member at once, and a removal from a group still takes effect within a bound. Such a
 * stale answer is never cached; the next request asks again.
 */
@Internal
public final class GroupLookups {
  private static final Logger LOG = LoggerFactory.getLogger(GroupLookups.class);
  /** A lookup that has not answered in this time has failed, whatever its own timeout. */
  static final Duration MAX_WAIT = Duration.ofSeconds(30);
  static final String CLOUD_IDENTITY = "cloud-identity";
  static final String DIRECTORY = "directory";
  private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
  private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);
  /** How long past its TTL a last known answer is still served while lookups of its pair fail. */
  public static final Duration STALE_FOR = Duration.ofMinutes(10);

  /** The (group, member) pair an answer is about; both as {@link Callers#foldCase} gives them. */
  private record Pair(String group, String member) {}

  /**
   * What one lookup found: membership, or why it failed (kept for no time: failures are not cached); {@code stale}
   * when the membership is the last known answer served through a failure (not cached either).
   */
  private record Outcome(boolean member, @Nullable GroupLookupException error, boolean stale) {
    Outcome(boolean member, @Nullable GroupLookupException error) {
      this(member, error, false);
    }
  }

  /** The last answer a call gave for a pair, and when. */
  private record Known(boolean member, Instant at) {}

  /**
   * One attempt of a non-blocking decision: a lookup missing from the cache is started (at most one per
   * attempt, and none when {@code mayStart} is false) rather than waited for, and the decision is taken again
   * when it lands.
   */
  public static final class Round {
    private final boolean mayStart;
    private @Nullable CompletableFuture<?> started;

    public Round(boolean mayStart) {
      this.mayStart = mayStart;
    }

    /** The lookup to wait for before deciding again, or {@code null} when the decision stands. */
    public @Nullable CompletableFuture<?> pending() {
      return started;
    }
  }

  private final String api;
  private final MembershipLookup lookup;
  private final Clock clock;
  private final AsyncCache<Pair, Outcome> answers;
  private final com.github.benmanes.caffeine.cache.Cache<Pair, Known> lastKnown;
  private final Duration memberTtl;
  private final Duration nonMemberTtl;
  private final LongAdder staleAnswers = new LongAdder();
  private final RateLimit rate;
  private final LongAdder calls = new LongAdder();
  private final LongAdder hits = new LongAdder();
  private final LongAdder members = new LongAdder();
  private final LongAdder nonMembers = new LongAdder();
  private final Map<Code, LongAdder> failures = new EnumMap<>(Code.class);
  private final AtomicBoolean forbiddenReported = new AtomicBoolean();
  private final Object backoffLock = new Object();
  private @Nullable Instant backoffUntil;
  private Duration nextBackoff = FIRST_BACKOFF;
  private volatile @Nullable Instant lastSuccess;
  private volatile @Nullable Instant lastFailure;
  private volatile @Nullable String lastError;

  private GroupLookups(String api, MembershipLookup lookup, GroupLookupLimits limits, Clock clock) {
    this.api = api;
    this.lookup = lookup;
    this.clock = clock;
    this.rate = new RateLimit(limits.callsPerSecond(), clock);
    for (Code code : Code.values()) {
      failures.put(code, new LongAdder());
    }
    long member = limits.memberTtl().toNanos();
    long nonMember = limits.nonMemberTtl().toNanos();
    this.answers = Caffeine.newBuilder().maximumSize(limits.maxEntries())
        .ticker(() -> clock.millis() * 1_000_000L) // no Instant per cache read
        .expireAfter(Expiry.<Pair, Outcome>creating((pair, outcome) -> Duration.ofNanos(
            outcome.error() != null || outcome.stale() ? 0 : outcome.member() ? member : nonMember)))
        .executor(Runnable::run)
        .buildAsync();
    this.memberTtl = limits.memberTtl();
    this.nonMemberTtl = limits.nonMemberTtl();
    Duration longest = memberTtl.compareTo(nonMemberTtl) >= 0 ? memberTtl : nonMemberTtl;
    this.lastKnown = Caffeine.newBuilder().maximumSize(limits.maxEntries())
        .ticker(() -> clock.millis() * 1_000_000L) // no Instant per cache read
        .expireAfterWrite(longest.plus(STALE_FOR))
        .executor(Runnable::run)
        .build();
  }

  /**
   * @param lookup the one-question client
   * @param limits cache and rate bounds
   * @param clock the time source of expiry, the rate limit and backoff
   */
  public static GroupLookups of(MembershipLookup lookup, GroupLookupLimits limits, Clock clock) {
    String api = lookup instanceof CloudIdentityLookup ? CLOUD_IDENTITY : lookup instanceof DirectoryLookup
        ? DIRECTORY : lookup.getClass().getName();
    return new GroupLookups(api, Objects.requireNonNull(lookup, "lookup"),
        Objects.requireNonNull(limits, "limits"), Objects.requireNonNull(clock, "clock"));
  }

  /**
   * The memberships of an authenticated caller, for one evaluation. Without a {@code round}, a question whose
   * answer is not cached waits for the lookup (for blocking callers); with one, it starts the lookup and is
   * answered unknown (the decision is then taken again). A caller without an email is in no group.
   */
  public GroupMembership forCaller(Caller caller, @Nullable Round round) {
    String member = caller.email().orElse(null);
    if (member == null || caller.anonymous()) {
      return group -> Answer.notMember();
    }
    return group -> answer(new Pair(Callers.foldCase(group), member), round);
  }

  /** The counters so far. */
  public GroupLookupStats stats() {
    Map<Code, Long> failed = new EnumMap<>(Code.class);
    failures.forEach((code, count) -> failed.put(code, count.sum()));
    return new GroupLookupStats(api, calls.sum(), hits.sum(), members.sum(), nonMembers.sum(), failed,
        staleAnswers.sum(), lastSuccess, lastFailure, lastError);
  }

  private Answer answer(Pair pair, @Nullable Round round) {
    CompletableFuture<Outcome> known = answers.getIfPresent(pair);
    if (known != null && known.isDone()) {
      Answer answer = settled(known);
      if (answer.state() != GroupMembership.Answer.State.UNKNOWN) {
        hits.increment();
      }
      return answer;
    }
    if (round == null) {
      return settled(known != null ? known : load(pair), true);
    }
    if (known != null) {
      if (round.started == null) {
        round.started = known;
      }
      return Answer.unknown("the lookup of " + pair.group() + " is in flight");
    }
    if (round.started != null || !round.mayStart) {
      return Answer.unknown("the lookup of " + pair.group() + " was not started: too many lookups for one"
          + " request");
    }
    CompletableFuture<Outcome> loading = load(pair);
    if (loading.isDone()) {
      return settled(loading);
    }
    round.started = loading;
    return Answer.unknown("the lookup of " + pair.group() + " is in flight");
  }

  private CompletableFuture<Outcome> load(Pair pair) {
    return answers.get(pair, (key, executor) -> call(key));
  }

  private CompletableFuture<Outcome> call(Pair pair) {
    Instant now = clock.instant();
    String refused = refusal(now);
    if (refused != null) {
      return CompletableFuture.completedFuture(lastKnownOr(pair, new Outcome(false,
          failed(new GroupLookupException(Code.RATE_LIMITED, refused), false))));
    }
    calls.increment();
    CompletableFuture<Boolean> asked;
    try {
      asked = lookup.isMember(pair.group(), pair.member());
    } catch (RuntimeException e) {
      asked = CompletableFuture.failedFuture(e);
    }
    return asked.orTimeout(MAX_WAIT.toMillis(), TimeUnit.MILLISECONDS).handle((isMember, error) -> {
      if (error != null) {
        return lastKnownOr(pair, new Outcome(false, failed(classify(error), true)));
      }
      succeeded(Boolean.TRUE.equals(isMember));
      lastKnown.put(pair, new Known(Boolean.TRUE.equals(isMember), clock.instant()));
      return new Outcome(Boolean.TRUE.equals(isMember), null);
    });
  }

  /** The pair's last known answer while it is at most its TTL plus {@link #STALE_FOR} old, else the failure. */
  private Outcome lastKnownOr(Pair pair, Outcome failure) {
    Known known = lastKnown.getIfPresent(pair);
    if (known == null) {
      return failure;
    }
    Duration ttl = known.member() ? memberTtl : nonMemberTtl;
    if (clock.instant().isAfter(known.at().plus(ttl).plus(STALE_FOR))) {
      return failure;
    }
    staleAnswers.increment();
    LOG.debug("serving the answer of {} from {} for {}: the lookup failed", pair.group(), known.at(),
        pair.member());
    return new Outcome(known.member(), null, true);
  }

  /** Why no call may be made now (the rate limit, a 429's backoff), or {@code null}. */
  private @Nullable String refusal(Instant now) {
    synchronized (backoffLock) {
      if (backoffUntil != null && now.isBefore(backoffUntil)) {
        return "the " + api + " API answered 429: no lookups until " + backoffUntil;
      }
    }
    if (!rate.tryAcquire()) {
      return "more than " + rate.perSecond + " group lookups a second: not asked";
    }
    return null;
  }

  private void succeeded(boolean isMember) {
    (isMember ? members : nonMembers).increment();
    lastSuccess = clock.instant();
    synchronized (backoffLock) {
      nextBackoff = FIRST_BACKOFF;
    }
  }

  /** Counts a failure; {@code fromApi} when a call was made (else the rate limit or backoff refused it). */
  private GroupLookupException failed(GroupLookupException e, boolean fromApi) {
    Instant now = clock.instant();
    failures.get(e.code()).increment();
    lastFailure = now;
    lastError = e.getMessage();
    if (!fromApi) {
      LOG.debug("group lookup refused: {}", e.getMessage());
      return e;
    }
    if (e.code() == Code.RATE_LIMITED) {
      synchronized (backoffLock) {
        Duration wait = e.retryAfter() != null ? e.retryAfter() : nextBackoff;
        nextBackoff = min(nextBackoff.multipliedBy(2), MAX_BACKOFF);
        Instant until = now.plus(min(wait, MAX_BACKOFF));
        if (backoffUntil == null || until.isAfter(backoffUntil)) {
          backoffUntil = until;
        }
      }
    }
    if (e.code() == Code.FORBIDDEN && forbiddenReported.compareAndSet(false, true)) {
      LOG.error("group lookups are refused, so group: bindings grant no one: {}", e.getMessage());
    } else {
      LOG.warn("group membership lookup failed: group: bindings it would decide do not grant ({})",
          e.getMessage());
    }
    return e;
  }

  private GroupLookupException classify(Throwable error) {
    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    if (cause instanceof GroupLookupException lookupError) {
      return lookupError;
    }
    if (cause instanceof TimeoutException) {
      return new GroupLookupException(Code.TIMEOUT, "the " + api + " API did not answer within "
          + MAX_WAIT.toSeconds() + " s", null, cause);
    }
    return new GroupLookupException(Code.FAILED, "the " + api + " lookup failed: " + cause, null, cause);
  }

  private static Answer settled(CompletableFuture<Outcome> done) {
    return settled(done, false);
  }

  private static Answer settled(CompletableFuture<Outcome> future, boolean wait) {
    Outcome outcome;
    try {
      outcome = wait ? future.join() : future.getNow(null);
    } catch (CompletionException | java.util.concurrent.CancellationException e) {
      return Answer.unknown(String.valueOf(e.getCause() == null ? e : e.getCause()));
    }
    if (outcome.error() != null) {
      return Answer.unknown(outcome.error().getMessage());
    }
    return outcome.member() ? Answer.member() : Answer.notMember();
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static long nanos(Instant instant) {
    return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
  }

  /** A token bucket: {@code perSecond} tokens a second, holding at most that many (at least one). */
  private static final class RateLimit {
    private final double perSecond;
    private final double capacity;
    private final Clock clock;
    private double tokens;
    private long lastNanos;

    RateLimit(double perSecond, Clock clock) {
      this.perSecond = perSecond;
      this.capacity = Math.max(1, perSecond);
      this.clock = clock;
      this.tokens = capacity;
      this.lastNanos = nanos(clock.instant());
    }

    synchronized boolean tryAcquire() {
      long now = nanos(clock.instant());
      if (now > lastNanos) {
        tokens = Math.min(capacity, tokens + (now - lastNanos) / 1e9 * perSecond);
        lastNanos = now;
      }
      if (tokens >= 1) {
        tokens -= 1;
        return true;
      }
      return false;
    }
  }
}
