package dev.invokerguard;

import dev.invokerguard.policy.PolicyTrace;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A decision with its full trace, from {@link InvokerGuard#explain}: the normalised host and path, the
 * caller, and every deny rule and allow binding with why it applied or not and what its condition
 * evaluated to. The trace is recorded by the evaluation that took the decision, so the two always agree:
 * the binding or rule that decided is the one the trace marks as applying.
 *
 * @param decision the decision enforce mode takes
 * @param time the {@code request.time} the conditions were evaluated at ({@link Decision#time()})
 * @param policyEtag the etag of the policy that decided, or {@code null}
 * @param policyOrigin where that policy came from, or {@code null} when none is loaded
 * @param trace the policy trace, or {@code null} when the policy was not consulted (path refused,
 *     preflight, unusable credentials, no policy) or cannot be traced (an evaluator built elsewhere)
 */
public record Explanation(Decision decision, Instant time, @Nullable String policyEtag, @Nullable String policyOrigin,
    @Nullable PolicyTrace trace) {

  public Explanation {
    if (!time.equals(decision.time())) {
      throw new IllegalArgumentException("an explanation's time is its decision's: " + time + " and "
          + decision.time());
    }
  }

  /** The explanation as indented text, one fact per line. */
  public String text() {
    StringBuilder out = new StringBuilder(decision.explain());
    out.append("  request.host: ").append(decision.host()).append('\n');
    out.append("  request.path: ").append(decision.path()).append('\n');
    out.append("  request.time: ").append(time).append('\n');
    if (policyOrigin != null) {
      out.append("  policy: ").append(policyOrigin);
      if (policyEtag != null && !policyEtag.isEmpty()) {
        out.append(" (etag ").append(policyEtag).append(')');
      }
      out.append('\n');
    }
    if (trace == null) {
      return out.toString();
    }
    for (PolicyTrace.DenyRuleStep rule : trace.denyRules()) {
      out.append("  deny ").append(rule.source()).append(" rules[").append(rule.index()).append("]")
          .append(rule.applies() ? " APPLIES" : " skipped").append(": ").append(rule.why());
      condition(out, rule.conditionTitle(), rule.conditionExpression(), rule.conditionValue());
    }
    for (PolicyTrace.BindingStep binding : trace.bindings()) {
      out.append("  ").append(binding.layer()).append(' ').append(binding.source()).append(" bindings[")
          .append(binding.index()).append("] ").append(binding.role()).append(' ')
          .append(binding.members()).append(binding.applies() ? " GRANTS" : " no").append(": ")
          .append(binding.why());
      condition(out, binding.conditionTitle(), binding.conditionExpression(), binding.conditionValue());
    }
    return out.toString();
  }

  private static void condition(StringBuilder out, String title, String expression,
      PolicyTrace.ConditionValue value) {
    out.append('\n');
    if (expression != null) {
      out.append("      condition ").append(title == null ? "" : "\"" + title + "\" ").append(expression)
          .append(" = ").append(value).append('\n');
    }
  }

  /** Lines of {@link #text()}. */
  public List<String> lines() {
    return List.of(text().split("\n"));
  }
}
