package dev.invokerguard.policy;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The result of compiling one condition expression.
 *
 * @param condition the compiled condition, or {@code null} when {@code errors} is not empty
 * @param errors what makes the expression unusable (each names the identifier, function or limit)
 * @param warnings what loads but may not mean the same to Cloud IAM
 */
record ConditionCompilation(@Nullable CompiledCondition condition, List<String> errors, List<String> warnings) {
  ConditionCompilation {
    errors = List.copyOf(errors);
    warnings = List.copyOf(warnings);
    if ((condition == null) == errors.isEmpty()) {
      throw new IllegalArgumentException("a compilation has a condition or errors, not both");
    }
  }
}
