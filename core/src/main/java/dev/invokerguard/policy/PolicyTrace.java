package dev.invokerguard.policy;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Every deny rule and allow binding for one caller and request, and why each applied or not, as recorded by
 * the evaluation that decided (see <a href="https://cloud.google.com/iam/docs/policy-evaluation">Policy
 * evaluation</a>): the binding that granted, or the deny rule that refused, is the only step that applies.
 * A step the evaluation never reached says why (the rule or role does not cover the permission, no member
 * matches, or the request was settled before it). For people reading a decision (the CLI's {@code explain});
 * requests are decided without recording it.
 *
 * @param denyRules every deny rule of every deny policy, in order
 * @param bindings every binding of every allow policy, project layers then the service layer
 */
public record PolicyTrace(List<DenyRuleStep> denyRules, List<BindingStep> bindings) {
  public PolicyTrace {
    denyRules = List.copyOf(denyRules);
    bindings = List.copyOf(bindings);
  }

  /** What a condition evaluated to for the request. */
  public enum ConditionValue {
    /** The binding or rule has no condition. */
    NONE,
    TRUE,
    FALSE,
    /** The condition could not be evaluated: a binding does not grant, a deny rule applies. */
    ERROR,
    /**
     * Not evaluated: no member matched, the role does not carry the permission, an exception principal
     * matched, or the request was settled by an earlier rule or binding.
     */
    NOT_EVALUATED
  }

  /**
   * One allow binding.
   *
   * @param layer the policy's layer
   * @param source the policy's source
   * @param index the binding's index
   * @param role the binding's role
   * @param roleGrants whether the role carries the permission
   * @param members the binding's members as written
   * @param matchedMembers the members the caller matches
   * @param conditionTitle the condition's title, or {@code null}
   * @param conditionExpression the condition's expression, or {@code null}
   * @param conditionValue what the condition evaluated to
   * @param conditionError why evaluation failed, or {@code null}
   * @param applies whether this binding grants the request
   * @param why one sentence saying why it applies or not
   */
  public record BindingStep(PolicyLayer layer, String source, int index, String role, boolean roleGrants,
      List<String> members, List<String> matchedMembers, @Nullable String conditionTitle, @Nullable String conditionExpression,
      ConditionValue conditionValue, @Nullable String conditionError, boolean applies, String why) {}

  /**
   * One deny rule.
   *
   * @param source the deny policy's source
   * @param index the rule's index
   * @param description the rule's description, or {@code null}
   * @param coversPermission whether the rule denies the permission at all
   * @param matchedPrincipals the denied principals the caller matches
   * @param excepted whether an exception principal matches the caller
   * @param conditionTitle the denial condition's title, or {@code null}
   * @param conditionExpression the denial condition's expression, or {@code null}
   * @param conditionValue what the denial condition evaluated to
   * @param conditionError why evaluation failed, or {@code null}
   * @param applies whether this rule denies the request
   * @param why one sentence saying why it applies or not
   */
  public record DenyRuleStep(String source, int index, @Nullable String description, boolean coversPermission,
      List<String> matchedPrincipals, boolean excepted, @Nullable String conditionTitle, @Nullable String conditionExpression,
      ConditionValue conditionValue, @Nullable String conditionError, boolean applies, String why) {}
}
