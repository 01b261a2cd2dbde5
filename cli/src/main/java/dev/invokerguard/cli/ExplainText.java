package dev.invokerguard.cli;

import dev.invokerguard.Explanation;
import dev.invokerguard.policy.PolicyProblem;
import java.util.List;

/**
 * The text {@code explain} prints: the SDK's explanation, with a rejected token's reasons under its
 * {@code token:} line and the policies' load warnings under the {@code policy:} line.
 */
final class ExplainText {
  private ExplainText() {}

  static String render(Explanation explanation, TokenRejection rejection, List<PolicyProblem> warnings) {
    StringBuilder out = new StringBuilder();
    boolean tokenDone = rejection == null;
    boolean warningsDone = warnings.isEmpty();
    for (String line : explanation.text().split("\n")) {
      if (!tokenDone && line.startsWith("  token: rejected")) {
        rejection(out, rejection);
        tokenDone = true;
        continue;
      }
      out.append(line).append('\n');
      if (!warningsDone && line.startsWith("  policy: ")) {
        warnings(out, warnings);
        warningsDone = true;
      }
    }
    if (!tokenDone) {
      rejection(out, rejection);
    }
    if (!warningsDone) {
      warnings(out, warnings);
    }
    return out.toString();
  }

  private static void rejection(StringBuilder out, TokenRejection rejection) {
    out.append("  token: rejected (").append(rejection.error()).append("): ").append(rejection.why()).append('\n');
    for (String fact : rejection.facts()) {
      out.append("    ").append(fact).append('\n');
    }
  }

  private static void warnings(StringBuilder out, List<PolicyProblem> warnings) {
    for (PolicyProblem warning : warnings) {
      out.append("  policy ").append(warning).append('\n');
    }
  }
}
