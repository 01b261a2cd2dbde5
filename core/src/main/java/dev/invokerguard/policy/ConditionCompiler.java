package dev.invokerguard.policy;

/**
 * Compiles the CEL expression of an IAM Condition once, when a policy loads.
 * See <a href="https://cloud.google.com/iam/docs/conditions-overview">IAM Conditions</a>.
 */
interface ConditionCompiler {

  /** Compiles an expression; never throws for a bad expression (the errors say what is wrong). */
  ConditionCompilation compile(String expression);
}
