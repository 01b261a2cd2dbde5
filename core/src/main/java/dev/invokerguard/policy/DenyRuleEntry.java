package dev.invokerguard.policy;

import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A deny rule that covers the loader's permission, with its principals as match keys.
 *
 * @param ruleIndex the rule's index in its policy
 * @param description the rule's description, or {@code null}
 * @param denied match key → principal as written
 * @param exceptions match keys of the exception principals
 * @param condition the denial condition, or {@code null}
 * @param compiled the compiled denial condition, or {@code null} when unconditional
 */
record DenyRuleEntry(int ruleIndex, @Nullable String description, Map<String, String> denied, Set<String> exceptions,
    @Nullable Condition condition, @Nullable CompiledCondition compiled) {

  boolean exceptsGroups() {
    return exceptions.stream().anyMatch(k -> k.startsWith("group:"));
  }
}
