package dev.invokerguard;

import java.util.Map;

/**
 * How many decisions an {@link InvokerGuard} has taken, for metrics.
 *
 * @param allowed requests allowed by the policy (preflights included; shadowed denials not)
 * @param deniedByStatus enforce-mode denials by status (400, 401, 403, 503), shadowed ones included
 * @param shadowDenied denials that shadow mode let through
 */
public record DecisionCounts(long allowed, Map<Integer, Long> deniedByStatus, long shadowDenied) {
  public DecisionCounts {
    deniedByStatus = Map.copyOf(deniedByStatus);
  }

  /** Denials of every status. */
  public long denied() {
    return deniedByStatus.values().stream().mapToLong(Long::longValue).sum();
  }
}
