package dev.invokerguard;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One decision as listeners hear it.
 *
 * @param decision the decision returned to the adapter ({@link Decision#shadowed()} in shadow mode)
 * @param time when the request was decided: its {@code request.time}, the same instant as {@link Decision#time()}
 * @param latencyNanos how long {@link InvokerGuard#check} took
 * @param policyEtag the etag of the policy that decided, or {@code null}
 * @param mode the guard's mode
 * @param traceContext the request's W3C {@code traceparent} header, else its {@code X-Cloud-Trace-Context}, or
 *     {@code null}
 * @param claimedEmail the {@code email} a rejected token claims (unverified: whose token failed), or
 *     {@code null} when the token verified, carried no email, or there was none
 */
public record DecisionEvent(Decision decision, Instant time, long latencyNanos, @Nullable String policyEtag,
    EnforcementMode mode, @Nullable String traceContext, @Nullable String claimedEmail) {

  /** An event without trace context or claimed email. */
  public DecisionEvent(Decision decision, Instant time, long latencyNanos, @Nullable String policyEtag,
      EnforcementMode mode) {
    this(decision, time, latencyNanos, policyEtag, mode, null, null);
  }
}
