package dev.invokerguard.policy;

import dev.invokerguard.identity.Caller;
import dev.invokerguard.identity.GroupMembership;
import java.util.List;

/**
 * Decides whether a caller holds the permission for a request, the way IAM evaluates policies: deny
 * rules first (a matching rule wins; a denial condition that cannot be evaluated counts as true), then the
 * union of the allow policies of every layer (a binding grants when its role carries the permission, a
 * member matches the caller, and its condition is true; a condition that cannot be evaluated does not
 * grant). See <a href="https://cloud.google.com/iam/docs/policy-evaluation">Policy evaluation</a>.
 * Implementations never throw for a caller or request.
 */
@FunctionalInterface
public interface PolicyEvaluator {

  PolicyOutcome evaluate(Caller caller, RequestAttributes request);

  /**
   * As {@link #evaluate(Caller, RequestAttributes)}, asking {@code groups} whether the caller is in a group
   * named by a binding or deny rule, one group at a time and only about groups that could decide the request
   * (see {@link GroupMembership}). The default ignores {@code groups}: the caller's {@code group:} members are
   * those it already holds.
   */
  default PolicyOutcome evaluate(Caller caller, RequestAttributes request, GroupMembership groups) {
    return evaluate(caller, request);
  }

  /**
   * An evaluator over loaded policies, with members indexed (a lookup per caller member, not a scan).
   *
   * @param allow allow policies, project layer then service layer (order decides which grant is reported)
   * @param deny deny policies
   * @throws IllegalArgumentException when the policies were compiled for different permissions
   */
  static PolicyEvaluator of(List<LoadedAllowPolicy> allow, List<LoadedDenyPolicy> deny) {
    return new IamPolicyEvaluator(allow, deny);
  }
}
