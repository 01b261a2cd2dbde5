package dev.invokerguard.policy;

import org.jspecify.annotations.Nullable;

/**
 * The binding member that granted a request.
 *
 * @param layer the layer of the policy holding the binding
 * @param source where that policy came from
 * @param bindingIndex the binding's index in that policy
 * @param role the binding's role
 * @param member the member that matched, as written in the policy
 * @param conditionTitle the title of the binding's condition, or {@code null} when unconditional
 */
public record GrantedBy(PolicyLayer layer, String source, int bindingIndex, String role, String member,
    @Nullable String conditionTitle) {

  @Override
  public String toString() {
    return layer + " " + source + " bindings[" + bindingIndex + "] " + role + " " + member
        + (conditionTitle == null ? "" : " if \"" + conditionTitle + "\"");
  }
}
