package dev.invokerguard.policy;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The result of loading a document: the loaded value with its warnings, or every problem found. Nothing
 * half-loads: when there is an error there is no value.
 *
 * @param <T> what was loaded
 * @param value the loaded value, or {@code null} when {@code errors} is not empty
 * @param errors what stops the document from loading, each with its location
 * @param warnings what loads but deserves attention
 */
public record LoadResult<T>(@Nullable T value, List<PolicyProblem> errors, List<PolicyProblem> warnings) {

  public LoadResult {
    errors = List.copyOf(errors);
    warnings = List.copyOf(warnings);
    if ((value == null) == errors.isEmpty()) {
      throw new IllegalArgumentException("a load result has a value or errors, not both");
    }
  }

  static <T> LoadResult<T> of(T value, ProblemList problems) {
    return problems.hasErrors()
        ? new LoadResult<>(null, problems.errors(), problems.warnings())
        : new LoadResult<>(value, List.of(), problems.warnings());
  }

  /** True when the document loaded. */
  public boolean isLoaded() {
    return value != null;
  }

  /** The value, when loaded. */
  public Optional<T> loaded() {
    return Optional.ofNullable(value);
  }

  /** The value, or a {@link PolicyLoadException} listing every problem. */
  public T orThrow() {
    if (value != null) {
      return value;
    }
    List<PolicyProblem> all = new java.util.ArrayList<>(errors);
    all.addAll(warnings);
    throw new PolicyLoadException(all);
  }
}
