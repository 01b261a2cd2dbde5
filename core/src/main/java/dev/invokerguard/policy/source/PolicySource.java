package dev.invokerguard.policy.source;

import java.util.Optional;

/**
 * Where an {@link dev.invokerguard.InvokerGuard} reads the policy of each request from. A source may
 * replace its policy at any time; each request reads {@link #current()} once and is decided by that one
 * snapshot. Empty means no policy was ever loaded: every request is then answered 503 with
 * {@code Retry-After}, never allowed. Implementations are thread-safe and never throw from
 * {@link #current()}.
 */
@FunctionalInterface
public interface PolicySource {

  /** The policy to decide with now, or empty when none was ever loaded. */
  Optional<PolicySnapshot> current();

  /** A source that always answers with the same snapshot. */
  static PolicySource fixed(PolicySnapshot snapshot) {
    Optional<PolicySnapshot> value = Optional.of(snapshot);
    return () -> value;
  }
}
