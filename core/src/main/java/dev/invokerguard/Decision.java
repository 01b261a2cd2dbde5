package dev.invokerguard;

import dev.invokerguard.identity.Caller;
import dev.invokerguard.policy.DeniedBy;
import dev.invokerguard.policy.GrantedBy;
import dev.invokerguard.policy.PolicyOutcome;
import dev.invokerguard.policy.RequestAttributes;
import dev.invokerguard.token.TokenError;
import dev.invokerguard.token.VerifiedToken;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The answer of {@link InvokerGuard#check}: allow or deny, the HTTP status, why, who the caller is, and
 * what granted or refused the request. Immutable. A denial renders as an RFC 9457 problem with
 * {@link #problem()}.
 *
 * <p>Its facts come in groups: the {@link #request() request} as the rules judged it, the
 * {@link #authentication() authentication} (caller and token), the {@link #policyOutcome() policy outcome}
 * (the binding or deny rule that decided) and, for a denial, the {@link #refusal() refusal} (what the caller
 * is told). Decisions are made only by {@link InvokerGuard}: there is no public constructor, so a fact added
 * later is one more accessor and breaks nobody.
 */
public final class Decision {
  private final DecisionReason reason;
  private final String method;
  /** Host, path and time as the conditions saw them: the evaluator's own input, kept rather than copied. */
  private final RequestAttributes attributes;
  private final Authentication authentication;
  private final @Nullable PolicyOutcome policyOutcome;
  private final @Nullable Refusal refusal;
  private final List<String> notes;
  private final boolean shadowed;

  /**
   * The request as the rules judged it.
   *
   * @param method the request method
   * @param host the normalised host, or the host as sent when the path firewall refused the request
   * @param path the normalised path, or the raw path when the path firewall refused the request
   * @param time {@code request.time}: the one instant the request was judged at (conditions, listeners and
   *     explanations all see it)
   */
  public record Request(String method, String host, String path, Instant time) {
    public Request {
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(time, "time");
    }
  }

  /**
   * Who the caller is and what became of the token.
   *
   * @param caller the caller ({@link Caller#ANONYMOUS} without a verified token)
   * @param token the verified token, or {@code null}
   * @param tokenError why the token was rejected, or {@code null} (also set when a rejected token's request
   *     was allowed because it is open to {@code allUsers})
   */
  public record Authentication(Caller caller, @Nullable VerifiedToken token, @Nullable TokenError tokenError) {
    public Authentication {
      Objects.requireNonNull(caller, "caller");
      if (token != null && tokenError != null) {
        throw new IllegalArgumentException("a token is either verified or rejected");
      }
    }
  }

  /**
   * What a denied caller is told.
   *
   * @param detail the RFC 9457 problem detail; never echoes the token
   * @param wwwAuthenticate the RFC 6750 {@code WWW-Authenticate} challenge, or {@code null}
   * @param retryAfter when to retry, for 503, else {@code null}
   */
  public record Refusal(String detail, @Nullable String wwwAuthenticate, @Nullable Duration retryAfter) {
    public Refusal {
      Objects.requireNonNull(detail, "detail");
    }
  }

  Decision(DecisionReason reason, String method, RequestAttributes attributes, Authentication authentication,
      @Nullable PolicyOutcome policyOutcome, @Nullable Refusal refusal, List<String> notes, boolean shadowed) {
    this.reason = Objects.requireNonNull(reason, "reason");
    this.method = Objects.requireNonNull(method, "method");
    this.attributes = Objects.requireNonNull(attributes, "attributes");
    this.authentication = Objects.requireNonNull(authentication, "authentication");
    this.policyOutcome = policyOutcome;
    this.refusal = refusal;
    this.notes = List.copyOf(notes);
    this.shadowed = shadowed;
    if (reason.allows() != (refusal == null)) {
      throw new IllegalArgumentException("a denial, and only a denial, has a refusal");
    }
    if (reason.allows() && policyOutcome != null && !policyOutcome.allowed()) {
      throw new IllegalArgumentException("an allowed decision has no denying policy outcome");
    }
    if (shadowed && reason.allows()) {
      throw new IllegalArgumentException("only a denial is shadowed");
    }
  }

  /** Why; it fixes the status ({@link #status()}) and whether the request is allowed. */
  public DecisionReason reason() {
    return reason;
  }

  /** The request as the rules judged it. */
  public Request request() {
    return new Request(method, attributes.host(), attributes.path(), attributes.time());
  }

  /** Who the caller is and what became of the token. */
  public Authentication authentication() {
    return authentication;
  }

  /** What the policy said, or {@code null} when it was not consulted (refused before, or preflight). */
  public @Nullable PolicyOutcome policyOutcome() {
    return policyOutcome;
  }

  /** What a denied caller is told; {@code null} when allowed (also kept when {@link #shadowed()}). */
  public @Nullable Refusal refusal() {
    return refusal;
  }

  /**
   * True when enforce mode would have denied the request but shadow mode let it pass: the reason and
   * details are those of the denial, {@link #allowed()} is true and {@link #status()} 200.
   */
  public boolean shadowed() {
    return shadowed;
  }

  /** Whether the request goes on to the application (always, when shadowed). */
  public boolean allowed() {
    return shadowed || reason.allows();
  }

  /** 200, 400, 401, 403 or 503; 200 when shadowed. */
  public int status() {
    return shadowed ? 200 : reason.status();
  }

  /** The status enforce mode gives this request (the denial's status when shadowed). */
  public int enforcedStatus() {
    return reason.status();
  }

  /** This denial, let through by shadow mode; an allowed decision is returned as it is. */
  public Decision asShadowed() {
    if (reason.allows() || shadowed) {
      return this;
    }
    return new Decision(reason, method, attributes, authentication, policyOutcome, refusal, notes, true);
  }

  /** The caller ({@link Caller#ANONYMOUS} without a verified token). */
  public Caller caller() {
    return authentication.caller();
  }

  /** The caller's IAM member, e.g. {@code user:alice@example.com}, or {@code allUsers}. */
  public String principal() {
    return authentication.caller().principal();
  }

  /** The verified token, or {@code null}. */
  public @Nullable VerifiedToken token() {
    return authentication.token();
  }

  /** Why the token was rejected, or {@code null} (also set when a rejected token's request was allowed). */
  public @Nullable TokenError tokenError() {
    return authentication.tokenError();
  }

  /** The binding member that granted the request, or {@code null}. */
  public @Nullable GrantedBy grantedBy() {
    return policyOutcome == null ? null : policyOutcome.grantedBy();
  }

  /** The deny rule that refused the request, or {@code null} ("no binding" when denied without one). */
  public @Nullable DeniedBy deniedBy() {
    return policyOutcome == null ? null : policyOutcome.deniedBy();
  }

  /** What the caller is told; never echoes the token; {@code null} when allowed. */
  public @Nullable String detail() {
    return refusal == null ? null : refusal.detail();
  }

  /** The RFC 6750 {@code WWW-Authenticate} challenge, or {@code null}. */
  public @Nullable String wwwAuthenticate() {
    return refusal == null ? null : refusal.wwwAuthenticate();
  }

  /** When to retry, for 503, else {@code null}. */
  public @Nullable Duration retryAfter() {
    return refusal == null ? null : refusal.retryAfter();
  }

  /** The request method. */
  public String method() {
    return method;
  }

  /** The normalised host, or the host as sent when the path firewall refused it. */
  public String host() {
    return attributes.host();
  }

  /** The normalised path, or the raw path when the path firewall refused it. */
  public String path() {
    return attributes.path();
  }

  /** {@code request.time}, the instant the request was judged at. */
  public Instant time() {
    return attributes.time();
  }

  /** What went wrong on the way (conditions that failed, groups not resolved, an internal failure), for logs. */
  public List<String> notes() {
    return notes;
  }

  /** The HTTP problem to answer with, for a denial; empty when allowed. */
  public Optional<HttpProblem> problem() {
    return allowed() ? Optional.empty() : Optional.of(ProblemRenderer.render(this));
  }

  /** A short multi-line trace of the decision, for logs. */
  public String explain() {
    return DecisionText.of(this);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Decision that && reason == that.reason && shadowed == that.shadowed
        && method.equals(that.method) && attributes.equals(that.attributes)
        && authentication.equals(that.authentication)
        && Objects.equals(policyOutcome, that.policyOutcome) && Objects.equals(refusal, that.refusal)
        && notes.equals(that.notes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(reason, method, attributes, authentication, policyOutcome, refusal, notes, shadowed);
  }

  @Override
  public String toString() {
    return "Decision[reason=" + reason + ", shadowed=" + shadowed + ", request=" + request() + ", authentication="
        + authentication + ", policyOutcome=" + policyOutcome + ", refusal=" + refusal + ", notes=" + notes + "]";
  }
}
