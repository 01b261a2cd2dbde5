package dev.invokerguard;

import dev.invokerguard.identity.Caller;

/** {@link Decision#explain()}: a decision as a few indented lines, for logs. */
final class DecisionText {
  private DecisionText() {}

  static String of(Decision decision) {
    StringBuilder out = new StringBuilder();
    out.append(decision.shadowed() ? "SHADOW-DENY (passed) " : decision.allowed() ? "ALLOW " : "DENY ")
        .append(decision.enforcedStatus()).append(' ').append(decision.reason())
        .append(": ").append(decision.method()).append(' ').append(decision.host()).append(decision.path())
        .append('\n');
    Caller caller = decision.caller();
    out.append("  caller: ").append(caller.principal()).append(" ").append(caller.members());
    if (caller.emailMissing()) {
      out.append(" (token without email)");
    }
    out.append('\n');
    if (decision.tokenError() != null) {
      out.append("  token: rejected (").append(decision.tokenError()).append(")\n");
    } else if (decision.token() != null) {
      out.append("  token: ").append(decision.token().family()).append(" from ").append(decision.token().issuer())
          .append('\n');
    }
    if (decision.grantedBy() != null) {
      out.append("  granted by: ").append(decision.grantedBy()).append('\n');
    } else if (decision.deniedBy() != null) {
      out.append("  denied by: ").append(decision.deniedBy()).append('\n');
    } else if (decision.policyOutcome() != null) {
      out.append("  no binding grants the permission\n");
    }
    if (decision.detail() != null) {
      out.append("  detail: ").append(decision.detail()).append('\n');
    }
    for (String note : decision.notes()) {
      out.append("  note: ").append(note).append('\n');
    }
    return out.toString();
  }
}
