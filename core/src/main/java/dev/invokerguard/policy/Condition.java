package dev.invokerguard.policy;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An IAM Condition, as the {@code condition} of a binding or the {@code denialCondition} of a deny rule
 * (a {@code google.type.Expr}). See
 * <a href="https://cloud.google.com/iam/docs/conditions-overview">IAM Conditions</a>.
 *
 * @param expression the CEL expression
 * @param title the title (required on an allow binding's condition), or {@code null}
 * @param description the description, or {@code null}
 */
public record Condition(String expression, @Nullable String title, @Nullable String description) {
  public Condition {
    Objects.requireNonNull(expression, "expression");
  }
}
