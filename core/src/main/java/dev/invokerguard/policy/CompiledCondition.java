package dev.invokerguard.policy;

/** A compiled IAM Condition, safe to evaluate from many threads. */
interface CompiledCondition {

  /** Evaluates the condition; never throws (an evaluation failure is {@link ConditionResult.Outcome#ERROR}). */
  ConditionResult evaluate(ConditionContext context);
}
