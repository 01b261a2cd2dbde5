package dev.invokerguard;

/** What is wrong with an {@link InvokerGuard} configuration. */
public enum ConfigurationErrorCode {
  /** No token verifier. */
  MISSING_VERIFIER,
  /** No policy: neither an evaluator nor policy documents. */
  MISSING_POLICY,
  /** More than one of an evaluator, policy documents and a policy source: only one is allowed. */
  CONFLICTING_POLICY_SOURCES,
  /** A setting is out of range (header limit, realm, retry delay, a location that cannot be read, ...). */
  INVALID_SETTING,
  /** A required setting (audiences, policy) is not given. */
  MISSING_SETTING,
  /**
   * A policy, deny policy or custom roles document does not load; the cause, a
   * {@link dev.invokerguard.policy.PolicyLoadException}, lists every problem with its location.
   */
  POLICY_DOES_NOT_LOAD,
  /** A library that a setting needs is not on the class path (the message names its artifact). */
  MISSING_DEPENDENCY
}
