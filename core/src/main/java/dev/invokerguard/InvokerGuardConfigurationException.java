package dev.invokerguard;

import java.util.Objects;

/**
 * An InvokerGuard deployment cannot start: a setting is missing or wrong, a policy document does not load,
 * or the runtime cannot be assembled. The one exception adapters catch at start-up; {@link #code()} says
 * which. Thrown by {@link InvokerGuardBuilder#build()}, by {@code GuardSettings} and by
 * {@code GuardRuntime}'s {@code start()}; the message names the setting (in both forms) or lists every
 * problem of every document. {@link dev.invokerguard.policy.PolicyLoadException}, thrown when documents are
 * loaded directly, is the cause of a {@link ConfigurationErrorCode#POLICY_DOES_NOT_LOAD}.
 */
public final class InvokerGuardConfigurationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ConfigurationErrorCode code;

  public InvokerGuardConfigurationException(ConfigurationErrorCode code, String message) {
    super(code + ": " + message);
    this.code = Objects.requireNonNull(code, "code");
  }

  public InvokerGuardConfigurationException(ConfigurationErrorCode code, String message, Throwable cause) {
    super(code + ": " + message, cause);
    this.code = Objects.requireNonNull(code, "code");
  }

  public ConfigurationErrorCode code() {
    return code;
  }
}
