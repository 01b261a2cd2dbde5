package dev.invokerguard.policy;

import dev.invokerguard.Internal;
import dev.invokerguard.identity.Caller;
import dev.invokerguard.identity.GroupMembership;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Records one policy evaluation as it happens, for explaining a decision: the evaluator built by
 * {@link PolicyEvaluator#of} tells it every deny rule and grant it visits and what each condition gave, and
 * {@link #trace()} then lists every rule and binding with why it applied or not. The outcome and the trace
 * come from the same evaluation, so they cannot disagree. Requests decided without explaining pass no
 * tracer and pay nothing. One tracer per evaluation; not thread-safe.
 */
@Internal
public final class PolicyTracer {
  /** A deny rule the evaluator visited. */
  record DenyVisit(LoadedDenyPolicy policy, DenyRuleEntry rule, String principal, boolean groupsUnknown,
      boolean excepted, @Nullable ConditionResult condition, boolean applies) {}

  /** A grant the evaluator visited. */
  record GrantVisit(LoadedAllowPolicy policy, Grant grant, @Nullable ConditionResult condition, boolean applies,
      @Nullable String groupLookup) {}

  private final List<DenyVisit> denials = new ArrayList<>();
  private final List<GrantVisit> grants = new ArrayList<>();
  private @Nullable PolicyTrace trace;
  private boolean used;

  public PolicyTracer() {}

  /**
   * Evaluates the policy for a caller and request, recording the trace. An evaluator not built by
   * {@link PolicyEvaluator#of} is evaluated as is and leaves no trace.
   *
   * @throws IllegalStateException when this tracer already recorded an evaluation
   */
  public PolicyOutcome evaluate(PolicyEvaluator evaluator, Caller caller, RequestAttributes request) {
    return evaluate(evaluator, caller, request, null);
  }

  /**
   * As {@link #evaluate(PolicyEvaluator, Caller, RequestAttributes)}, asking {@code groups} one group at a
   * time when given; what each lookup answered is in the trace.
   */
  public PolicyOutcome evaluate(PolicyEvaluator evaluator, Caller caller, RequestAttributes request,
      @Nullable GroupMembership groups) {
    if (used) {
      throw new IllegalStateException("a tracer records one evaluation");
    }
    used = true;
    if (!(evaluator instanceof IamPolicyEvaluator iam)) {
      return groups == null ? evaluator.evaluate(caller, request) : evaluator.evaluate(caller, request, groups);
    }
    PolicyOutcome outcome = iam.evaluate(caller, request, groups, this);
    trace = TraceSteps.trace(iam.allowPolicies(), iam.denyPolicies(), caller, outcome, denials, grants);
    return outcome;
  }

  /** The trace of the evaluation, or {@code null} when none ran or the evaluator cannot be traced. */
  public @Nullable PolicyTrace trace() {
    return trace;
  }

  void denial(LoadedDenyPolicy policy, DenyRuleEntry rule, String principal, boolean groupsUnknown,
      boolean excepted, @Nullable ConditionResult condition, boolean applies) {
    denials.add(new DenyVisit(policy, rule, principal, groupsUnknown, excepted, condition, applies));
  }

  void grant(LoadedAllowPolicy policy, Grant grant, @Nullable ConditionResult condition, boolean applies,
      @Nullable String groupLookup) {
    grants.add(new GrantVisit(policy, grant, condition, applies, groupLookup));
  }
}
