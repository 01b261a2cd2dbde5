package dev.invokerguard;

/**
 * Hears every decision of an {@link InvokerGuard} (step 7 of the pipeline: decision logs, metrics), on the
 * request's thread, after the decision is taken. Must be fast and must not throw; an exception is logged
 * and ignored, never changes the decision.
 */
@FunctionalInterface
public interface DecisionListener {

  void onDecision(DecisionEvent event);
}
