package dev.invokerguard;

/** What is wrong with an {@link InvokerGuard} configuration. */
public enum ConfigurationErrorCode {
  /** No token verifier. */
  MISSING_VERIFIER,
  /** No policy: neither an evaluator nor policy documents. */
  MISSING_POLICY,
  /** Both an evaluator and policy documents: only one source of policy is allowed. */
  CONFLICTING_POLICY_SOURCES,
  /** A setting is out of range (header limit, realm, retry delay, ...). */
  INVALID_SETTING,
  /** A required setting (audiences, policy) is not given. */
  MISSING_SETTING
}
