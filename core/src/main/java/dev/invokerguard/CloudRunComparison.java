package dev.invokerguard;

/**
 * Shadow mode on Cloud Run with Cloud Run's own invoker check still on: every request that reached the
 * application with a token whose signature Cloud Run removed ({@code SIGNATURE_REMOVED_BY_GOOGLE}) is one
 * Cloud Run let in, and InvokerGuard records whether it would have let it in too, deciding with the identity
 * Cloud Run verified (see
 * <a href="https://cloud.google.com/run/docs/authenticating/service-to-service">Cloud Run
 * service-to-service authentication</a>). Each disagreement is logged with what decided it. Flip to enforce
 * mode when a representative stretch of traffic shows none.
 *
 * @param agreements requests Cloud Run let in that InvokerGuard would allow
 * @param disagreements requests Cloud Run let in that InvokerGuard would deny
 */
public record CloudRunComparison(long agreements, long disagreements) {
  /** Requests compared. */
  public long compared() {
    return agreements + disagreements;
  }
}
