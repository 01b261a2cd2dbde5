package dev.invokerguard.policy;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A document did not load. Carries every problem found (errors and warnings), each with its location.
 */
public final class PolicyLoadException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient List<PolicyProblem> problems;

  public PolicyLoadException(List<PolicyProblem> problems) {
    super(message(problems));
    this.problems = List.copyOf(problems);
    if (errors().isEmpty()) {
      throw new IllegalArgumentException("a load failure needs at least one error");
    }
  }

  /** The code of the first error. */
  public PolicyProblemCode code() {
    return errors().get(0).code();
  }

  /** Every problem found, errors and warnings, in document order. */
  public List<PolicyProblem> problems() {
    return problems;
  }

  /** The errors only. */
  public List<PolicyProblem> errors() {
    return problems.stream().filter(p -> p.severity() == PolicyProblem.Severity.ERROR).toList();
  }

  private static String message(List<PolicyProblem> problems) {
    List<PolicyProblem> errors = problems.stream()
        .filter(p -> p.severity() == PolicyProblem.Severity.ERROR).toList();
    return errors.size() + " error(s) while loading:\n" + errors.stream()
        .map(p -> "  " + p).collect(Collectors.joining("\n"));
  }
}
