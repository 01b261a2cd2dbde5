package dev.invokerguard;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts decisions without contention. */
final class DecisionCounters {
  private final LongAdder allowed = new LongAdder();
  private final LongAdder shadowDenied = new LongAdder();
  private final LongAdder[] denied = new LongAdder[DecisionReason.values().length];

  DecisionCounters() {
    for (int i = 0; i < denied.length; i++) {
      denied[i] = new LongAdder();
    }
  }

  void count(Decision decision) {
    if (decision.reason().allows()) {
      allowed.increment();
      return;
    }
    denied[decision.reason().ordinal()].increment();
    if (decision.shadowed()) {
      shadowDenied.increment();
    }
  }

  DecisionCounts snapshot() {
    Map<Integer, Long> byStatus = new TreeMap<>();
    for (DecisionReason reason : DecisionReason.values()) {
      if (!reason.allows()) {
        byStatus.merge(reason.status(), denied[reason.ordinal()].sum(), Long::sum);
      }
    }
    return new DecisionCounts(allowed.sum(), byStatus, shadowDenied.sum());
  }
}
