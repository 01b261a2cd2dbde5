package dev.invokerguard.policy;

import org.jspecify.annotations.Nullable;

/**
 * One member of one binding whose role grants the loader's permission: the unit of the member index.
 *
 * @param key the member's match key (email lowercased)
 * @param member the member exactly as written
 * @param bindingIndex the binding's index in its policy
 * @param role the binding's role
 * @param condition the binding's condition, or {@code null}
 * @param compiled the compiled condition, or {@code null} when unconditional
 */
record Grant(String key, String member, int bindingIndex, String role, @Nullable Condition condition,
    @Nullable CompiledCondition compiled) {}
