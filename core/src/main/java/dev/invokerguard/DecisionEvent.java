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
 */
public record DecisionEvent(Decision decision, Instant time, long latencyNanos, @Nullable String policyEtag,
    EnforcementMode mode) {}
