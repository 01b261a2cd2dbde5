package dev.invokerguard;

import dev.invokerguard.identity.Caller;
import dev.invokerguard.policy.DeniedBy;
import dev.invokerguard.policy.GrantedBy;
import dev.invokerguard.token.TokenError;
import dev.invokerguard.token.VerifiedToken;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The answer of {@link InvokerGuard#check}: allow or deny, the HTTP status, why, who the caller is, and
 * what granted or refused the request. Immutable. A denial renders as an RFC 9457 problem with
 * {@link #problem()}.
 *
 * @param reason why; it fixes the status ({@link #status()}) and whether the request is allowed
 * @param caller who the caller is ({@link Caller#ANONYMOUS} without a verified token)
 * @param token the verified token, or {@code null}
 * @param grantedBy the binding member that granted the request, or {@code null}
 * @param deniedBy the deny rule that refused it, or {@code null} ("no binding" when denied without one)
 * @param tokenError why the token was rejected, or {@code null} (also set when a rejected token's request
 *     was allowed because it is open to {@code allUsers})
 * @param detail what the caller is told; never echoes the token; {@code null} when allowed
 * @param wwwAuthenticate the RFC 6750 {@code WWW-Authenticate} challenge, or {@code null}
 * @param retryAfter when to retry, for 503, else {@code null}
 * @param method the request method
 * @param host the normalised host, or the host as sent when it was refused
 * @param path the normalised path, or the raw path when it was refused
 * @param notes what went wrong on the way (conditions that failed, groups not resolved), for logs
 * @param shadowed true when enforce mode would have denied the request but shadow mode let it pass: the
 *     reason and details are those of the denial, {@link #allowed()} is true and {@link #status()} 200
 */
public record Decision(
    DecisionReason reason,
    Caller caller,
    @Nullable VerifiedToken token,
    @Nullable GrantedBy grantedBy,
    @Nullable DeniedBy deniedBy,
    @Nullable TokenError tokenError,
    @Nullable String detail,
    @Nullable String wwwAuthenticate,
    @Nullable Duration retryAfter,
    String method,
    String host,
    String path,
    List<String> notes,
    boolean shadowed) {

  public Decision {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(caller, "caller");
    notes = List.copyOf(notes);
    if (grantedBy != null && !reason.allows()) {
      throw new IllegalArgumentException("a denial has no granting binding");
    }
    if (shadowed && reason.allows()) {
      throw new IllegalArgumentException("only a denial is shadowed");
    }
  }

  /** A decision as enforce mode takes it (not shadowed). */
  public Decision(DecisionReason reason, Caller caller, VerifiedToken token, GrantedBy grantedBy,
      DeniedBy deniedBy, TokenError tokenError, String detail, String wwwAuthenticate, Duration retryAfter,
      String method, String host, String path, List<String> notes) {
    this(reason, caller, token, grantedBy, deniedBy, tokenError, detail, wwwAuthenticate, retryAfter, method,
        host, path, notes, false);
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
    return new Decision(reason, caller, token, grantedBy, deniedBy, tokenError, detail, wwwAuthenticate,
        retryAfter, method, host, path, notes, true);
  }

  /** The caller's IAM member, e.g. {@code user:alice@example.com}, or {@code allUsers}. */
  public String principal() {
    return caller.principal();
  }

  /** The HTTP problem to answer with, for a denial; empty when allowed. */
  public Optional<HttpProblem> problem() {
    return allowed() ? Optional.empty() : Optional.of(ProblemRenderer.render(this));
  }

  /** A short multi-line trace of the decision, for logs. */
  public String explain() {
    StringBuilder out = new StringBuilder();
    out.append(shadowed ? "SHADOW-DENY (passed) " : allowed() ? "ALLOW " : "DENY ").append(enforcedStatus())
        .append(' ').append(reason)
        .append(": ").append(method).append(' ').append(host).append(path).append('\n');
    out.append("  caller: ").append(caller.principal()).append(" ").append(caller.members());
    if (caller.emailMissing()) {
      out.append(" (token without email)");
    }
    out.append('\n');
    if (tokenError != null) {
      out.append("  token: rejected (").append(tokenError).append(")\n");
    } else if (token != null) {
      out.append("  token: ").append(token.family()).append(" from ").append(token.issuer()).append('\n');
    }
    if (grantedBy != null) {
      out.append("  granted by: ").append(grantedBy).append('\n');
    } else if (deniedBy != null) {
      out.append("  denied by: ").append(deniedBy).append('\n');
    } else if (reason == DecisionReason.NO_BINDING || reason == DecisionReason.NO_CREDENTIALS
        || reason == DecisionReason.TOKEN_REJECTED) {
      out.append("  no binding grants the permission\n");
    }
    if (detail != null) {
      out.append("  detail: ").append(detail).append('\n');
    }
    for (String note : notes) {
      out.append("  note: ").append(note).append('\n');
    }
    return out.toString();
  }
}
