package dev.invokerguard.cli;

/** The command line or an input cannot be used: printed, exit 1. */
final class UsageException extends Exception {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message, null, false, false);
  }
}
