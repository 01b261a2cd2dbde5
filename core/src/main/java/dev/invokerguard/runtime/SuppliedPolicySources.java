package dev.invokerguard.runtime;

import dev.invokerguard.policy.source.PolicySnapshot;
import dev.invokerguard.policy.source.PolicySource;
import dev.invokerguard.policy.source.PolicySourceStatus;
import dev.invokerguard.policy.source.ReloadingPolicySource;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** The status of the policy source a runtime decides with, whether it opened it or was given it. */
final class SuppliedPolicySources {
  private SuppliedPolicySources() {}

  /**
   * A {@link ReloadingPolicySource}'s own status; for any other source, what its current snapshot says: loaded
   * or not, etag, when loaded, age and origin, with no reload counters (the source's own business).
   */
  static PolicySourceStatus status(PolicySource source, Clock clock) {
    if (source instanceof ReloadingPolicySource reloading) {
      return reloading.status();
    }
    PolicySnapshot now = source.current().orElse(null);
    String name = "PolicySource " + source.getClass().getName();
    if (now == null) {
      return new PolicySourceStatus(name, false, null, null, null, null, 0, 0, 0, 0, "it has no policy yet", null,
          List.of(), null, false);
    }
    return new PolicySourceStatus(name, true, now.etag(), now.loadedAt(),
        Duration.between(now.loadedAt(), clock.instant()), now.origin(), 0, 0, 0, 0, null, null, List.of(),
        now.loadedAt(), false);
  }
}
