package dev.invokerguard;

import java.util.Objects;

/** An {@link InvokerGuard} could not be built. A policy that does not load throws
 * {@link dev.invokerguard.policy.PolicyLoadException} instead, with every problem listed. */
public final class InvokerGuardConfigurationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ConfigurationErrorCode code;

  public InvokerGuardConfigurationException(ConfigurationErrorCode code, String message) {
    super(code + ": " + message);
    this.code = Objects.requireNonNull(code, "code");
  }

  public ConfigurationErrorCode code() {
    return code;
  }
}
