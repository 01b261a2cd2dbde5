package dev.invokerguard.policy.source;

/** Why a policy source could not be opened. */
public enum PolicySourceErrorCode {
  /** No location was given, or a location is empty. */
  MISSING_LOCATION,
  /** A location's form is not a file path, {@code classpath:} or {@code cloudrun://projects/P/...}. */
  INVALID_LOCATION,
  /** A {@code classpath:} resource does not exist. */
  NOT_FOUND,
  /** A policy that is loaded only once (classpath) did not load. */
  INITIAL_LOAD_FAILED,
  /** An option is out of range. */
  INVALID_OPTION,
  /** A library the location needs is not on the class path (the message names its artifact). */
  MISSING_DEPENDENCY
}
