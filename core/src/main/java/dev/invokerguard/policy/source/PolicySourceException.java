package dev.invokerguard.policy.source;

import java.util.Objects;

/** A policy source could not be opened; {@link #code()} says why. */
public final class PolicySourceException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final PolicySourceErrorCode code;

  public PolicySourceException(PolicySourceErrorCode code, String message) {
    super(message);
    this.code = Objects.requireNonNull(code, "code");
  }

  public PolicySourceException(PolicySourceErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code, "code");
  }

  public PolicySourceErrorCode code() {
    return code;
  }
}
