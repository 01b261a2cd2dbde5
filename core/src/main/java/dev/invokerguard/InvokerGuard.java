package dev.invokerguard;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.invokerguard.identity.Caller;
import dev.invokerguard.identity.Callers;
import dev.invokerguard.identity.GroupResolver;
import dev.invokerguard.policy.PolicyEvaluator;
import dev.invokerguard.policy.PolicyOutcome;
import dev.invokerguard.policy.RequestAttributes;
import dev.invokerguard.token.IdTokenVerifier;
import dev.invokerguard.token.TokenError;
import dev.invokerguard.token.TokenFamily;
import dev.invokerguard.token.TokenVerification;
import dev.invokerguard.token.VerifiedToken;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
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

  private final IdTokenVerifier verifier;
  private final PolicyEvaluator evaluator;
  private final RequestTargetNormalizer normalizer;
  private final CredentialExtractor credentials;
  private final PreflightSettings preflight;
  private final GroupResolver groups;
  private final Clock clock;
  private final Duration retryAfter;
  private final String challenge;
  private final String invalidTokenChallenge;
  private final String invalidRequestChallenge;
  /** Callers of tokens the verifier has cached (same instance), so a repeat token is not mapped again. */
  private final Cache<VerifiedToken, Caller> callers = Caffeine.newBuilder().weakKeys().maximumSize(10_000)
      .build();

  InvokerGuard(IdTokenVerifier verifier, PolicyEvaluator evaluator, RequestTargetNormalizer normalizer,
      CredentialExtractor credentials, PreflightSettings preflight, GroupResolver groups, Clock clock,
      Duration retryAfter, String realm) {
    this.verifier = verifier;
    this.evaluator = evaluator;
    this.normalizer = normalizer;
    this.credentials = credentials;
    this.preflight = preflight;
    this.groups = groups;
    this.clock = clock;
    this.retryAfter = retryAfter;
    this.challenge = "Bearer realm=\"" + realm + "\"";
    this.invalidTokenChallenge = challenge + ", error=\"invalid_token\"";
    this.invalidRequestChallenge = challenge + ", error=\"invalid_request\"";
  }

  public static InvokerGuardBuilder builder() {
    return new InvokerGuardBuilder();
  }

  /** Decides one request. Never throws for any request. */
  public Decision check(AccessRequest request) {
    try {
      return decide(request);
    } catch (RuntimeException e) {
      LOG.error("authorization failed internally for {} {}: denied", request.method(), request.path(), e);
      return new Decision(DecisionReason.EVALUATION_FAILED, Caller.ANONYMOUS, null, null, null, null,
          "The request could not be authorized.", null, null, request.method(), request.host(),
          request.path(), List.of(e.toString()));
    }
  }

  private Decision decide(AccessRequest request) {
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
    RequestAttributes attributes = new RequestAttributes(target.host(), target.path(), clock.instant());
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
      return rejectedToken(verification.error(), attributes, at);
    }
    Caller caller = Callers.withGroups(callers.get(verification.token(), Callers::fromToken), groups);
    PolicyOutcome outcome = evaluator.evaluate(caller, attributes);
    if (outcome.allowed()) {
      return granted(caller, verification, null, outcome, at);
    }
    boolean byRule = outcome.reason() == PolicyOutcome.Reason.DENIED_BY_RULE;
    String detail = caller.principal() + (byRule ? " is denied access to this path by a deny policy."
        : " is not granted access to this path by the service's IAM policy.");
    if (caller.emailMissing() && verification.token().family() == TokenFamily.Kind.GOOGLE) {
      detail += TokenErrorDetails.NO_EMAIL_HINT;
    }
    return new Decision(byRule ? DecisionReason.DENIED_BY_RULE : DecisionReason.NO_BINDING, caller,
        verification.token(), null, outcome.deniedBy(), null, detail, null, null, at.method, at.host, at.path,
        outcome.notes());
  }

  /** A token that failed counts as no token: the request may still be open to {@code allUsers}. */
  private Decision rejectedToken(TokenError error, RequestAttributes attributes, Target at) {
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
