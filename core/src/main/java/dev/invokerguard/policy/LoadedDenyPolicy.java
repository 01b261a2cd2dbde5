package dev.invokerguard.policy;

import java.util.List;
import java.util.Objects;

/**
 * A deny policy that loaded: its document model, the permission it was compiled for, its warnings, and
 * the rules that cover that permission with their conditions compiled. Immutable; obtained from
 * {@link PolicyLoader}.
 */
public final class LoadedDenyPolicy {
  private final String source;
  private final DenyPolicy policy;
  private final String permission;
  private final List<PolicyProblem> warnings;
  private final List<DenyRuleEntry> rules;

  LoadedDenyPolicy(String source, DenyPolicy policy, String permission, List<PolicyProblem> warnings,
      List<DenyRuleEntry> rules) {
    this.source = Objects.requireNonNull(source);
    this.policy = Objects.requireNonNull(policy);
    this.permission = Objects.requireNonNull(permission);
    this.warnings = List.copyOf(warnings);
    this.rules = List.copyOf(rules);
  }

  public String source() {
    return source;
  }

  /** The policy as written. */
  public DenyPolicy policy() {
    return policy;
  }

  public String permission() {
    return permission;
  }

  public List<PolicyProblem> warnings() {
    return warnings;
  }

  List<DenyRuleEntry> rules() {
    return rules;
  }

  @Override
  public String toString() {
    return "LoadedDenyPolicy[" + source + ", " + policy.rules().size() + " rules]";
  }
}
