package dev.invokerguard.policy;

import org.jspecify.annotations.Nullable;

/**
 * The deny rule that refused a request.
 *
 * @param source where the deny policy came from
 * @param policyName the deny policy's name, or {@code null}
 * @param ruleIndex the rule's index in that policy
 * @param description the rule's description, or {@code null}
 * @param principal the denied principal that matched, as written; for a caller whose groups could not be
 *     resolved, the rule's first group principal
 * @param conditionTitle the title of the rule's denial condition, or {@code null}
 */
public record DeniedBy(String source, @Nullable String policyName, int ruleIndex, @Nullable String description,
    String principal, @Nullable String conditionTitle) {

  @Override
  public String toString() {
    return source + " rules[" + ruleIndex + "]" + (description == null ? "" : " (" + description + ")")
        + " " + principal + (conditionTitle == null ? "" : " if \"" + conditionTitle + "\"");
  }
}
