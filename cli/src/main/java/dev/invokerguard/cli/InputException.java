package dev.invokerguard.cli;

/** An input (a file, a token, credentials) cannot be used: printed without the usage, exit 1. */
final class InputException extends Exception {
  private static final long serialVersionUID = 1L;

  InputException(String message) {
    super(message, null, false, false);
  }
}
