package dev.invokerguard.policy;

import java.util.List;
import java.util.Objects;

/**
 * An allow policy that loaded: its document model, the layer it is attached to, the permission it was
 * compiled for, its warnings, and its conditions compiled. Immutable; obtained from {@link PolicyLoader}.
 */
public final class LoadedAllowPolicy {
  private final String source;
  private final PolicyLayer layer;
  private final IamPolicy policy;
  private final String permission;
  private final List<PolicyProblem> warnings;
  private final List<Grant> grants;
  private final java.util.Set<Integer> grantingBindings;

  LoadedAllowPolicy(String source, PolicyLayer layer, IamPolicy policy, String permission,
      List<PolicyProblem> warnings, List<Grant> grants, java.util.Set<Integer> grantingBindings) {
    this.grantingBindings = java.util.Set.copyOf(grantingBindings);
    this.source = Objects.requireNonNull(source);
    this.layer = Objects.requireNonNull(layer);
    this.policy = Objects.requireNonNull(policy);
    this.permission = Objects.requireNonNull(permission);
    this.warnings = List.copyOf(warnings);
    this.grants = List.copyOf(grants);
  }

  /** Where the policy came from. */
  public String source() {
    return source;
  }

  public PolicyLayer layer() {
    return layer;
  }

  /** The policy as written. */
  public IamPolicy policy() {
    return policy;
  }

  /** The permission whose grants were compiled, e.g. {@code run.routes.invoke}. */
  public String permission() {
    return permission;
  }

  /** What loads but deserves attention (unknown roles, members that never match, ...). */
  public List<PolicyProblem> warnings() {
    return warnings;
  }

  List<Grant> grants() {
    return grants;
  }

  /** Whether the role of binding {@code index} carries the permission. */
  boolean roleGrants(int index) {
    return grantingBindings.contains(index);
  }

  @Override
  public String toString() {
    return "LoadedAllowPolicy[" + layer + " " + source + ", " + policy.bindings().size() + " bindings]";
  }
}
