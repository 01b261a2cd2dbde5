package dev.invokerguard.policy;

import java.util.ArrayList;
import java.util.List;

/** Collects the problems of one document as it is read. */
final class ProblemList {
  private final String source;
  private final List<PolicyProblem> errors = new ArrayList<>();
  private final List<PolicyProblem> warnings = new ArrayList<>();

  ProblemList(String source) {
    this.source = source;
  }

  String source() {
    return source;
  }

  void error(PolicyProblemCode code, String location, String message) {
    errors.add(new PolicyProblem(PolicyProblem.Severity.ERROR, code, source, location, message));
  }

  void warning(PolicyProblemCode code, String location, String message) {
    warnings.add(new PolicyProblem(PolicyProblem.Severity.WARNING, code, source, location, message));
  }

  boolean hasErrors() {
    return !errors.isEmpty();
  }

  List<PolicyProblem> errors() {
    return List.copyOf(errors);
  }

  List<PolicyProblem> warnings() {
    return List.copyOf(warnings);
  }
}
