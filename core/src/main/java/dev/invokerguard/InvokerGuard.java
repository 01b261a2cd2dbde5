package dev.invokerguard;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.invokerguard.Decision.Authentication;
import dev.invokerguard.identity.Caller;
import dev.invokerguard.identity.Callers;
import dev.invokerguard.identity.GroupLookupStats;
import dev.invokerguard.identity.GroupLookups;
import dev.invokerguard.identity.GroupMembership;
import dev.invokerguard.identity.FirebaseAnonymousUsers;
import dev.invokerguard.identity.GroupResolver;
import dev.invokerguard.policy.PolicyOutcome;
import dev.invokerguard.policy.PolicyTracer;
import dev.invokerguard.policy.RequestAttributes;
import dev.invokerguard.policy.source.PolicySnapshot;
import dev.invokerguard.policy.source.PolicySource;
import dev.invokerguard.request.AccessRequest;
import dev.invokerguard.request.Credential;
import dev.invokerguard.request.CredentialExtractor;
import dev.invokerguard.request.NormalizedTarget;
import dev.invokerguard.request.PreflightSettings;
import dev.invokerguard.request.RequestTargetNormalizer;
import dev.invokerguard.token.IdTokenVerifier;
import dev.invokerguard.token.TokenError;
import dev.invokerguard.token.TokenVerification;
import dev.invokerguard.token.VerifiedToken;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cloud Run's invoker check inside the application: {@link #check} runs the path firewall, the CORS
 * preflight rule, credential extraction, token verification, caller mapping and policy evaluation, and
 * returns a {@link Decision}. It never throws: an internal failure is a denial. Immutable and thread-safe.
 * See <a href="https://cloud.google.com/run/docs/authenticating/service-to-service">Cloud Run
 * service-to-service authentication</a> and
 * <a href="https://cloud.google.com/run/docs/securing/managing-access">Managing access to Cloud Run</a>.
 */
public final class InvokerGuard {
  private static final Logger LOG = LoggerFactory.getLogger(InvokerGuard.class);
  /** Entries of an ordinary size the caller cache holds; larger callers count for more. */
  static final int CALLER_CACHE_ENTRIES = 10_000;
  /** The weight of an ordinary caller, and the least any caller weighs (characters of its members). */
  static final int CALLER_WEIGHT = 256;
  private static final TokenVerification EMPTY_TOKEN = TokenVerification.rejected(TokenError.MALFORMED,
      "the bearer token is empty");

  private final IdTokenVerifier verifier;
  private final PolicySource policies;
  private final EnforcementMode mode;
  private final List<DecisionListener> listeners;
  private final LongSupplier ticker;
  private final DecisionCounters counters = new DecisionCounters();
  private final boolean compareWithCloudRun;
  private final java.util.concurrent.atomic.LongAdder agreements = new java.util.concurrent.atomic.LongAdder();
  private final java.util.concurrent.atomic.LongAdder disagreements = new java.util.concurrent.atomic.LongAdder();
  private final InternalFailures failures = new InternalFailures(LOG);
  /** Rendered once, so that answering it needs no work when memory is short. */
  private final HttpProblem unavailable;
  private final RequestTargetNormalizer normalizer;
  private final CredentialExtractor credentials;
  private final PreflightSettings preflight;
  private final GroupResolver groups;
  private final @Nullable GroupLookups groupLookups;
  private final Clock clock;
  private final Decisions decisions;
  private final AsyncCheck asyncCheck;
  private final Function<VerifiedToken, Caller> toCaller;
  /**
   * Callers of tokens the verifier has cached (same instance), so a repeat token is not mapped again.
   * Bounded by the characters of the callers' members, so long emails cannot fill the heap.
   */
  private final Cache<VerifiedToken, Caller> callers = Caffeine.newBuilder().weakKeys()
      .maximumWeight((long) CALLER_CACHE_ENTRIES * CALLER_WEIGHT)
      .weigher((VerifiedToken token, Caller caller) -> callerWeight(caller))
      .executor(Runnable::run)
      .build();
  // The last token mapped and its caller, in front of the cache: a caller sends the same token for up to an
  // hour, and the verifier answers a repeat with the same instance. Not volatile: a thread that reads another
  // thread's LastCaller sees it whole (final fields); one that reads an older one or none asks the cache.
  private @Nullable LastCaller lastCaller;

  InvokerGuard(IdTokenVerifier verifier, PolicySource policies, RequestTargetNormalizer normalizer,
      CredentialExtractor credentials, PreflightSettings preflight, GroupResolver groups,
      @Nullable GroupLookups groupLookups, Clock clock, Decisions decisions, EnforcementMode mode,
      List<DecisionListener> listeners, LongSupplier ticker, Executor fetchExecutor, boolean compareWithCloudRun,
      FirebaseAnonymousUsers firebaseAnonymousUsers) {
    this.compareWithCloudRun = compareWithCloudRun && mode == EnforcementMode.SHADOW;
    this.verifier = verifier;
    this.policies = policies;
    this.mode = mode;
    this.listeners = List.copyOf(listeners);
    this.ticker = ticker;
    this.normalizer = normalizer;
    this.credentials = credentials;
    this.preflight = preflight;
    this.groups = groups;
    this.groupLookups = groupLookups;
    this.clock = clock;
    this.decisions = decisions;
    this.toCaller = token -> Callers.fromToken(token, firebaseAnonymousUsers);
    this.asyncCheck = new AsyncCheck(verifier, credentials, groups, groupLookups != null, fetchExecutor,
        toCaller);
    this.unavailable = decisions.evaluationFailed(AccessRequest.builder("GET", "", "/").build(), Instant.EPOCH,
        List.of()).problem().orElseThrow();
  }

  public static InvokerGuardBuilder builder() {
    return new InvokerGuardBuilder();
  }

  /**
   * Decides one request, counts the decision and tells the listeners. In {@link EnforcementMode#SHADOW}
   * mode a denial comes back {@link Decision#shadowed() shadowed}: allowed, status 200. Never throws for
   * any request: an internal failure, an {@link OutOfMemoryError} or {@link StackOverflowError} included, is a
   * 503 denial with {@code Retry-After}. Only an {@link InternalError} or {@link UnknownError} (the JVM itself
   * is broken) is thrown on. The clock is read once: the decision's {@code request.time} is the event's time.
   */
  public Decision check(AccessRequest request) {
    return Objects.requireNonNull(check(request, null, null));
  }

  /**
   * {@link #check}; with a {@code round}, a group lookup missing from the cache is started rather than waited
   * for, and then nothing is decided, counted or told: {@code null}, and the round holds the lookup.
   */
  @Nullable Decision check(AccessRequest request, @Nullable Credential credential,
      GroupLookups.@Nullable Round round) {
    long start = ticker.getAsLong();
    Instant now = clock.instant();
    PolicySnapshot policy = null;
    Decision enforced;
    try {
      policy = policies.current().orElse(null);
      enforced = decideSafely(request, credential, policy, null, now, null, round, false);
      if (compareWithCloudRun && enforced.tokenError() == TokenError.SIGNATURE_REMOVED_BY_GOOGLE) {
        Decision asCloudRunSaw = decideSafely(request, credential, policy, null, now, null, round, true);
        // a lookup still pending makes this a provisional decision: compared when the lookup lands
        enforced = round != null && round.pending() != null ? asCloudRunSaw : compared(request, asCloudRunSaw);
      }
    } catch (Throwable e) {
      enforced = failedInternally(request, now, "the policy source failed", e);
    }
    if (round != null && round.pending() != null) {
      return null;
    }
    Decision decision = mode == EnforcementMode.SHADOW ? enforced.asShadowed() : enforced;
    counters.count(decision);
    if (!listeners.isEmpty()) {
      notifyListeners(new DecisionEvent(decision, now, ticker.getAsLong() - start,
          policy == null ? null : policy.etag(), mode, traceContext(request), claimedEmail(request, credential, decision)));
    }
    return decision;
  }

  /**
   * {@link #check} for servers that must not block the calling thread (event loops). When the keys, the
   * policy and the caller's groups are in memory (the usual case) the decision is taken on the calling thread
   * and the stage returned is already complete. When {@link #check} would wait for a fetch (the issuer's keys
   * on first use or for an unknown {@code kid}, a caller's groups on a cache miss), the fetch runs off the
   * calling thread and the stage completes when it lands, on the thread that completed it; the calling
   * thread never waits. Counting, listeners and shadow mode are those of {@link #check}; the stage never
   * completes exceptionally for any request.
   */
  public CompletionStage<Decision> checkAsync(AccessRequest request) {
    return asyncCheck.run(request, this::check);
  }

  /**
   * The decision enforce mode takes for {@code request}, with the trace of the policy evaluation that took
   * it: every binding and deny rule, and why it applied or not. Listeners and counters are not told.
   */
  public Explanation explain(AccessRequest request) {
    return explain(request, null);
  }

  /**
   * As {@link #explain(AccessRequest)}, for a caller given as is instead of the request's credentials
   * (e.g. "what would {@code user:alice@example.com} get on this path").
   */
  public Explanation explain(AccessRequest request, @Nullable Caller caller) {
    Instant now = clock.instant();
    PolicySnapshot policy = null;
    PolicyTracer tracer = new PolicyTracer();
    Decision decision;
    try {
      policy = policies.current().orElse(null);
      decision = decideSafely(request, null, policy, caller, now, tracer, null, false);
    } catch (Throwable e) {
      decision = failedInternally(request, now, "the policy source failed", e);
    }
    return new Explanation(decision, now, policy == null ? null : policy.etag(),
        policy == null ? null : policy.origin(), tracer.trace());
  }

  /**
   * What an adapter answers when it could not get a decision at all (reading the framework's request
   * failed, or {@link #check} threw because the JVM is broken): 503 with {@code Retry-After}, the same
   * problem as an internal failure during a decision.
   */
  public HttpProblem unavailable() {
    return unavailable;
  }

  /**
   * Agreements and disagreements with Cloud Run's own check, or empty unless this guard is in shadow mode on
   * Cloud Run ({@link InvokerGuardBuilder#compareWithCloudRun}).
   */
  public Optional<CloudRunComparison> cloudRunComparison() {
    return compareWithCloudRun
        ? Optional.of(new CloudRunComparison(agreements.sum(), disagreements.sum()))
        : Optional.empty();
  }

  /**
   * Records the decision taken with the identity Cloud Run verified for a request Cloud Run let in: an
   * agreement when it allows, else a disagreement, logged with what decided it.
   */
  private Decision compared(AccessRequest request, Decision decision) {
    if (decision.allowed()) {
      agreements.increment();
      return decision;
    }
    disagreements.increment();
    LOG.warn("shadow comparison: DISAGREEMENT: Cloud Run let {} in for {} {}, InvokerGuard would answer {} ({}): {}",
        decision.tokenError() == null ? decision.principal()
            : "a caller whose token InvokerGuard rejects (" + decision.tokenError() + ")",
        request.method(), decision.path(), decision.status(), decision.reason(), decidedBy(decision));
    return decision;
  }

  private static String decidedBy(Decision decision) {
    if (decision.deniedBy() != null) {
      return "denied by " + decision.deniedBy();
    }
    if (decision.tokenError() != null) {
      return decision.detail();
    }
    return "no binding grants it to " + decision.caller().members() + " (" + decision.detail() + ")";
  }

  /** How many decisions were taken, by outcome. */
  public DecisionCounts counts() {
    return counters.snapshot();
  }

  /** The mode decisions are taken in. */
  public EnforcementMode mode() {
    return mode;
  }

  /** The counters of group membership lookups, when {@code group:} members are looked up one at a time. */
  public Optional<GroupLookupStats> groupLookupStats() {
    return Optional.ofNullable(groupLookups).map(GroupLookups::stats);
  }

  /** The policy deciding requests now, or empty when none was ever loaded. */
  public Optional<PolicySnapshot> policy() {
    return policies.current();
  }

  private static @Nullable String traceContext(AccessRequest request) {
    List<String> values = request.headerValues(AccessRequest.TRACEPARENT);
    if (values.isEmpty()) {
      values = request.headerValues(AccessRequest.CLOUD_TRACE_CONTEXT);
    }
    return values.isEmpty() ? null : values.get(0);
  }

  /** The email a rejected token claims, read without trust, for the decision log; never throws. */
  private @Nullable String claimedEmail(AccessRequest request, @Nullable Credential extracted,
      Decision decision) {
    if (decision.tokenError() == null) {
      return null;
    }
    try {
      Credential credential = extracted != null ? extracted : credentials.extract(request);
      return credential.kind() == Credential.Kind.TOKEN ? ClaimedEmail.of(credential.token()) : null;
    } catch (RuntimeException e) {
      return null;
    }
  }

  private void notifyListeners(DecisionEvent event) {
    for (DecisionListener listener : listeners) {
      try {
        listener.onDecision(event);
      } catch (Throwable e) {
        InternalFailures.rethrowIfFatal(e);
        LOG.warn("decision listener {} failed", listener.getClass().getName(), e);
      }
    }
  }

  /**
   * Decides, turning any failure (an exception, or an Error such as OutOfMemoryError or StackOverflowError
   * from a resolver or evaluator) into a 503 denial with {@code Retry-After}. Only an Error after which the
   * JVM cannot be trusted ({@link InternalFailures#isFatal}) goes on up.
   */
  private Decision decideSafely(AccessRequest request, @Nullable Credential credential,
      @Nullable PolicySnapshot policy,
      @Nullable Caller asCaller, Instant now, @Nullable PolicyTracer tracer, GroupLookups.@Nullable Round round,
      boolean cloudRunVerified) {
    try {
      return decide(request, credential, policy, asCaller, now, tracer, round, cloudRunVerified);
    } catch (Throwable e) {
      return failedInternally(request, now, "authorization failed internally", e);
    }
  }

  /** A 503 denial for a failure inside the guard, logged once; a fatal VM error is thrown on. */
  private Decision failedInternally(AccessRequest request, Instant now, String what, Throwable e) {
    InternalFailures.rethrowIfFatal(e);
    failures.log(what + " for " + request.method() + " " + request.path() + ": denied", e);
    return decisions.evaluationFailed(request, now, List.of("internal failure: " + e));
  }

  /**
   * DESIGN.md's steps, in order. A policy that was never loaded stops the request before its token is
   * verified; a caller given to {@link #explain(AccessRequest, Caller)} replaces steps 4 and 5.
   */
  private Decision decide(AccessRequest request, @Nullable Credential extracted,
      @Nullable PolicySnapshot policy, @Nullable Caller asCaller,
      Instant now, @Nullable PolicyTracer tracer, GroupLookups.@Nullable Round round, boolean cloudRunVerified) {
    // 1. path firewall
    NormalizedTarget target = normalizer.normalize(request.host(), request.path());
    if (!target.isAccepted()) {
      return decisions.pathRejected(request, target.rejection(), now);
    }
    String method = request.method();
    RequestAttributes at = new RequestAttributes(target.host(), target.path(), now);
    // 2. preflight
    if (preflight.passes(request, at.path())) {
      return decisions.preflight(method, at);
    }
    // 3. credentials
    Credential credential = extracted != null ? extracted : credentials.extract(request);
    if (credential.kind() == Credential.Kind.REFUSED) {
      return decisions.credentialsRefused(method, at, credential.header(), credential.problem());
    }
    if (policy == null) {
      return decisions.policyUnavailable(method, at);
    }
    // 4. token
    TokenVerification verification = asCaller == null ? verify(credential, cloudRunVerified) : null;
    if (verification != null && !verification.isVerified()
        && !CredentialExtractor.isSingleToken(credential.token())) {
      return decisions.credentialsRefused(method, at, credential.header(), Credential.Problem.NOT_ONE_TOKEN);
    }
    // 5. identity
    Authentication who = asCaller != null ? Decisions.given(asCaller) : identify(verification);
    // 6. policy (groups asked one at a time, when they are looked up)
    Caller caller = who.caller();
    GroupMembership membership = groupLookups == null || caller.anonymous() ? null
        : groupLookups.forCaller(caller, round);
    PolicyOutcome outcome = tracer != null ? tracer.evaluate(policy.evaluator(), caller, at, membership)
        : membership == null ? policy.evaluator().evaluate(caller, at)
        : policy.evaluator().evaluate(caller, at, membership);
    return decisions.judged(method, at, who, outcome, credential.isEmptyToken() ? credential.header() : null);
  }

  /**
   * Step 4: the request's token verified, or {@code null} without one. An empty bearer token is rejected
   * without asking the verifier.
   */
  private @Nullable TokenVerification verify(Credential credential, boolean cloudRunVerified) {
    if (credential.kind() != Credential.Kind.TOKEN) {
      return null;
    }
    if (credential.isEmptyToken()) {
      return EMPTY_TOKEN;
    }
    return cloudRunVerified ? verifier.verifyCloudRunVerified(credential.token()) : verifier.verify(credential.token());
  }

  /**
   * Step 5: who the caller is. No token: anonymous. A token that failed: anonymous too, with the token's error
   * (it counts as no token). A verified token: its caller, groups resolved.
   */
  private Authentication identify(@Nullable TokenVerification verification) {
    if (verification == null) {
      return Decisions.ANONYMOUS;
    }
    VerifiedToken token = verification.token();
    if (token == null) {
      return decisions.rejectedToken(verification.error());
    }
    Caller caller = Callers.withGroups(callerOf(token), groups);
    return Decisions.verified(caller, token);
  }

  /** The caller a verified token maps to (before groups); the same token instance maps once. */
  private Caller callerOf(VerifiedToken token) {
    LastCaller last = lastCaller;
    if (last != null && last.token == token) {
      return last.caller;
    }
    Caller caller = callers.get(token, toCaller);
    lastCaller = new LastCaller(token, caller);
    return caller;
  }

  /** A verified token and the caller it maps to. */
  private record LastCaller(VerifiedToken token, Caller caller) {}

  private static int callerWeight(Caller caller) {
    long weight = 0;
    for (String member : caller.members()) {
      weight += 16 + member.length();
    }
    return (int) Math.min(Integer.MAX_VALUE, Math.max(CALLER_WEIGHT, weight));
  }

  /** The weight of every caller cached now, after pending evictions. */
  long callerCacheWeight() {
    callers.cleanUp();
    return callers.policy().eviction().orElseThrow().weightedSize().orElse(0);
  }
}
