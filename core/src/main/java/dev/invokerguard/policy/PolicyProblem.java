package dev.invokerguard.policy;

import java.util.Objects;

/**
 * One problem found while loading a document.
 *
 * @param severity whether the document still loads
 * @param code what kind of problem
 * @param source the document's name ({@link PolicyText#name()})
 * @param location where in the document: a field path such as {@code bindings[2].members[0]}, or
 *     {@code line L, column C} for a syntax error; empty for the whole document
 * @param message what is wrong, naming the offending value
 */
public record PolicyProblem(Severity severity, PolicyProblemCode code, String source, String location,
    String message) {

  /** Whether a problem stops the document from loading. */
  public enum Severity { ERROR, WARNING }

  public PolicyProblem {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    String where = location.isEmpty() ? source : source + ": " + location;
    return severity + " " + code + " " + where + ": " + message;
  }
}
