package dev.invokerguard.client;

import java.util.Objects;

/**
 * An outbound ID token could not be had: the request it was for is not sent. The message says what
 * to do; it never contains a token.
 */
public final class OutboundTokenException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final OutboundErrorCode code;

  /** An exception with its code and message. */
  public OutboundTokenException(OutboundErrorCode code, String message) {
    this(code, message, null);
  }

  /** An exception with its code, message and cause. */
  public OutboundTokenException(OutboundErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code, "code");
  }

  /** What went wrong. */
  public OutboundErrorCode code() {
    return code;
  }
}
