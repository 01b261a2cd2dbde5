package dev.invokerguard.policy;

/**
 * What a condition evaluated to.
 *
 * @param outcome true, false, or error
 * @param error why evaluation failed, when {@link Outcome#ERROR}
 */
record ConditionResult(Outcome outcome, String error) {
  enum Outcome { TRUE, FALSE, ERROR }

  static final ConditionResult TRUE = new ConditionResult(Outcome.TRUE, null);
  static final ConditionResult FALSE = new ConditionResult(Outcome.FALSE, null);

  static ConditionResult error(String error) {
    return new ConditionResult(Outcome.ERROR, error);
  }
}
