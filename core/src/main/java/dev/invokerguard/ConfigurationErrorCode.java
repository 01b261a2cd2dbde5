package dev.invokerguard;

/** What is wrong with an {@link InvokerGuard} configuration. */
public enum ConfigurationErrorCode {
  /** No token verifier. */
  MISSING_VERIFIER,
  /** No policy: neither an evaluator nor policy documents. */
  MISSING_POLICY,
  /** More than one of an evaluator, policy documents and a policy source: only one is allowed. */
  CONFLICTING_POLICY_SOURCES,
  /** A setting is out of range (header limit, realm, retry delay, ...). */
  INVALID_SETTING,
  /** A required setting (audiences, policy) is not given. */
  MISSING_SETTING
}
