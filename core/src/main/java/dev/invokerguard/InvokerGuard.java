package dev.invokerguard;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.invokerguard.identity.Caller;
import dev.invokerguard.identity.Callers;
import dev.invokerguard.identity.GroupResolver;
import dev.invokerguard.policy.PolicyEvaluator;
import dev.invokerguard.policy.PolicyOutcome;
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
import dev.invokerguard.token.TokenFamily;
import dev.invokerguard.token.TokenVerification;
import dev.invokerguard.token.VerifiedToken;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;
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

  private final IdTokenVerifier verifier;
  private final PolicySource policies;
  private final EnforcementMode mode;
  private final List<DecisionListener> listeners;
  private final LongSupplier ticker;
  private final DecisionCounters counters = new DecisionCounters();
  private final InternalFailures failures = new InternalFailures(LOG);
  /** Rendered once, so that answering it needs no work when memory is short. */
  private final HttpProblem unavailable;
  private final RequestTargetNormalizer normalizer;
  private final CredentialExtractor credentials;
  private final PreflightSettings preflight;
  private final GroupResolver groups;
  private final Clock clock;
  private final Duration retryAfter;
  private final String challenge;
  private final String invalidTokenChallenge;
  private final String invalidRequestChallenge;
  /**
   * Callers of tokens the verifier has cached (same instance), so a repeat token is not mapped again.
   * Bounded by the characters of the callers' members, so long emails cannot fill the heap.
   */
  private final Cache<VerifiedToken, Caller> callers = Caffeine.newBuilder().weakKeys()
      .maximumWeight((long) CALLER_CACHE_ENTRIES * CALLER_WEIGHT)
      .weigher((VerifiedToken token, Caller caller) -> callerWeight(caller))
      .executor(Runnable::run)
      .build();

  InvokerGuard(IdTokenVerifier verifier, PolicySource policies, RequestTargetNormalizer normalizer,
      CredentialExtractor credentials, PreflightSettings preflight, GroupResolver groups, Clock clock,
      Duration retryAfter, String realm, EnforcementMode mode, List<DecisionListener> listeners,
      LongSupplier ticker) {
    this.verifier = verifier;
    this.policies = policies;
    this.mode = mode;
    this.listeners = List.copyOf(listeners);
    this.ticker = ticker;
    this.normalizer = normalizer;
    this.credentials = credentials;
    this.preflight = preflight;
    this.groups = groups;
    this.clock = clock;
    this.retryAfter = retryAfter;
    this.challenge = "Bearer realm=\"" + realm + "\"";
    this.invalidTokenChallenge = challenge + ", error=\"invalid_token\"";
    this.invalidRequestChallenge = challenge + ", error=\"invalid_request\"";
    this.unavailable = failed("", "", "", List.of()).problem().orElseThrow();
  }

  public static InvokerGuardBuilder builder() {
    return new InvokerGuardBuilder();
  }

  /**
   * Decides one request, counts the decision and tells the listeners. In {@link EnforcementMode#SHADOW}
   * mode a denial comes back {@link Decision#shadowed() shadowed}: allowed, status 200. Never throws for
   * any request: an internal failure, an {@link OutOfMemoryError} or {@link StackOverflowError} included, is a
   * 503 denial with {@code Retry-After}. Only an {@link InternalError} or {@link UnknownError} (the JVM itself
   * is broken) is thrown on.
   */
  public Decision check(AccessRequest request) {
    long start = ticker.getAsLong();
    PolicySnapshot policy = null;
    Decision enforced;
    try {
      policy = policies.current().orElse(null);
      enforced = decideSafely(request, policy, null);
    } catch (Throwable e) {
      enforced = failedInternally(request, "the policy source failed", e);
    }
    Decision decision = mode == EnforcementMode.SHADOW ? enforced.asShadowed() : enforced;
    counters.count(decision);
    if (!listeners.isEmpty()) {
      notifyListeners(new DecisionEvent(decision, clock.instant(), ticker.getAsLong() - start,
          policy == null ? null : policy.etag(), mode));
    }
    return decision;
  }

  /**
   * The decision enforce mode takes for {@code request}, with the full trace of the policy evaluation:
   * every binding and deny rule considered, and why it applied or not. Listeners and counters are not told.
   */
  public Explanation explain(AccessRequest request) {
    return explain(request, null);
  }

  /**
   * As {@link #explain(AccessRequest)}, for a caller given as is instead of the request's credentials
   * (e.g. "what would {@code user:alice@example.com} get on this path").
   */
  public Explanation explain(AccessRequest request, Caller caller) {
    PolicySnapshot policy = null;
    Decision decision;
    try {
      policy = policies.current().orElse(null);
      decision = decideSafely(request, policy, caller);
    } catch (Throwable e) {
      decision = failedInternally(request, "the policy source failed", e);
    }
    return Explanation.of(decision, policy, clock.instant());
  }

  /**
   * What an adapter answers when it could not get a decision at all (reading the framework's request
   * failed, or {@link #check} threw because the JVM is broken): 503 with {@code Retry-After}, the same
   * problem as an internal failure during a decision.
   */
  public HttpProblem unavailable() {
    return unavailable;
  }

  /** How many decisions were taken, by outcome. */
  public DecisionCounts counts() {
    return counters.snapshot();
  }

  /** The mode decisions are taken in. */
  public EnforcementMode mode() {
    return mode;
  }

  /** The policy deciding requests now, or empty when none was ever loaded. */
  public java.util.Optional<PolicySnapshot> policy() {
    return policies.current();
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
  private Decision decideSafely(AccessRequest request, PolicySnapshot policy, Caller asCaller) {
    try {
      return decide(request, policy, asCaller);
    } catch (Throwable e) {
      return failedInternally(request, "authorization failed internally", e);
    }
  }

  /** A 503 denial for a failure inside the guard, logged once; a fatal VM error is thrown on. */
  private Decision failedInternally(AccessRequest request, String what, Throwable e) {
    InternalFailures.rethrowIfFatal(e);
    failures.log(what + " for " + request.method() + " " + request.path() + ": denied", e);
    return failed(request.method(), request.host(), request.path(), List.of("internal failure: " + e));
  }

  private Decision failed(String method, String host, String path, List<String> notes) {
    return new Decision(DecisionReason.EVALUATION_FAILED, Caller.ANONYMOUS, null, null, null, null,
        "The request could not be authorized right now.", null, retryAfter, method, host, path, notes);
  }

  private Decision decide(AccessRequest request, PolicySnapshot policy, Caller asCaller) {
    NormalizedTarget target = normalizer.normalize(request.host(), request.path());
    if (!target.isAccepted()) {
      return refused(request, DecisionReason.PATH_REJECTED,
          "The request target is ambiguous or malformed: " + target.rejection(), null);
    }
    Target at = new Target(request.method(), target.host(), target.path());
    if (preflight.passes(request, target.path())) {
      return new Decision(DecisionReason.PREFLIGHT, Caller.ANONYMOUS, null, null, null, null, null, null, null,
          at.method, at.host, at.path, List.of());
    }
    Credential credential = credentials.extract(request);
    switch (credential.kind()) {
      case AMBIGUOUS:
        return refused(request, DecisionReason.AMBIGUOUS_CREDENTIALS, credential.problem(),
            invalidRequestChallenge);
      case TOO_LARGE:
        return refused(request, DecisionReason.HEADER_TOO_LARGE, credential.problem(), invalidRequestChallenge);
      default:
        break;
    }
    if (policy == null) {
      return new Decision(DecisionReason.POLICY_UNAVAILABLE, Caller.ANONYMOUS, null, null, null, null,
          "The access policy has not been loaded yet; retry later.", null, retryAfter, at.method, at.host,
          at.path, List.of());
    }
    PolicyEvaluator evaluator = policy.evaluator();
    RequestAttributes attributes = new RequestAttributes(target.host(), target.path(), clock.instant());
    if (asCaller != null) {
      return judged(asCaller, null, evaluator.evaluate(asCaller, attributes), at);
    }
    if (credential.kind() == Credential.Kind.NONE) {
      PolicyOutcome outcome = evaluator.evaluate(Caller.ANONYMOUS, attributes);
      return outcome.allowed() ? granted(Caller.ANONYMOUS, null, null, outcome, at)
          : new Decision(DecisionReason.NO_CREDENTIALS, Caller.ANONYMOUS, null, null, outcome.deniedBy(), null,
              "A Google-signed ID token is required: send it in Authorization: Bearer, or in"
                  + " X-Serverless-Authorization when the Authorization header is the application's own.",
              challenge, null, at.method, at.host, at.path, outcome.notes());
    }
    TokenVerification verification = verifier.verify(credential.token());
    if (!verification.isVerified()) {
      if (!CredentialExtractor.isSingleToken(credential.token())) {
        Credential ambiguous = CredentialExtractor.notOneToken(credential.header());
        return refused(request, DecisionReason.AMBIGUOUS_CREDENTIALS, ambiguous.problem(),
            invalidRequestChallenge);
      }
      return rejectedToken(evaluator, verification.error(), attributes, at);
    }
    Caller caller = Callers.withGroups(callers.get(verification.token(), Callers::fromToken), groups);
    return judged(caller, verification, evaluator.evaluate(caller, attributes), at);
  }

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

  /** The decision for an identified caller. */
  private Decision judged(Caller caller, TokenVerification verification, PolicyOutcome outcome, Target at) {
    if (outcome.allowed()) {
      return granted(caller, verification, null, outcome, at);
    }
    if (caller.anonymous()) {
      return new Decision(DecisionReason.NO_CREDENTIALS, caller, null, null, outcome.deniedBy(), null,
          "A Google-signed ID token is required.", challenge, null, at.method, at.host, at.path,
          outcome.notes());
    }
    boolean byRule = outcome.reason() == PolicyOutcome.Reason.DENIED_BY_RULE;
    String detail = caller.principal() + (byRule ? " is denied access to this path by a deny policy."
        : " is not granted access to this path by the service's IAM policy.");
    if (caller.emailMissing() && verification != null
        && verification.token().family() == TokenFamily.Kind.GOOGLE) {
      detail += TokenErrorDetails.NO_EMAIL_HINT;
    }
    return new Decision(byRule ? DecisionReason.DENIED_BY_RULE : DecisionReason.NO_BINDING, caller,
        verification == null ? null : verification.token(), null, outcome.deniedBy(), null, detail, null,
        null, at.method, at.host, at.path,
        outcome.notes());
  }

  /** A token that failed counts as no token: the request may still be open to {@code allUsers}. */
  private Decision rejectedToken(PolicyEvaluator evaluator, TokenError error, RequestAttributes attributes,
      Target at) {
    PolicyOutcome outcome = evaluator.evaluate(Caller.ANONYMOUS, attributes);
    if (outcome.allowed()) {
      return granted(Caller.ANONYMOUS, null, error, outcome, at);
    }
    if (error == TokenError.KEYS_UNAVAILABLE) {
      return new Decision(DecisionReason.KEYS_UNAVAILABLE, Caller.ANONYMOUS, null, null, outcome.deniedBy(),
          error, TokenErrorDetails.describe(error), null, retryAfter, at.method, at.host, at.path,
          outcome.notes());
    }
    return new Decision(DecisionReason.TOKEN_REJECTED, Caller.ANONYMOUS, null, null, outcome.deniedBy(), error,
        TokenErrorDetails.describe(error), invalidTokenChallenge, null, at.method, at.host, at.path,
        outcome.notes());
  }

  private static Decision granted(Caller caller, TokenVerification verification, TokenError tokenError,
      PolicyOutcome outcome, Target at) {
    return new Decision(DecisionReason.GRANTED, caller, verification == null ? null : verification.token(),
        outcome.grantedBy(), null, tokenError, null, null, null, at.method, at.host, at.path, outcome.notes());
  }

  private static Decision refused(AccessRequest request, DecisionReason reason, String detail,
      String challenge) {
    return new Decision(reason, Caller.ANONYMOUS, null, null, null, null, detail, challenge, null,
        request.method(), request.host(), request.path(), List.of());
  }

  /** The request as the rules see it. */
  private record Target(String method, String host, String path) {}
}
