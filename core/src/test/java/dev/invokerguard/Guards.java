package dev.invokerguard;

import dev.invokerguard.policy.PolicyEvaluator;
import dev.invokerguard.policy.TestPolicies;
import dev.invokerguard.request.AccessRequest;
import dev.invokerguard.testing.MutableClock;
import java.time.Instant;

/** Guards for tests: fake verifier, trivial normaliser, sample policies, a fixed clock. */
public final class Guards {
  public static final MutableClock CLOCK = MutableClock.at(Instant.parse("2025-06-01T12:00:00Z"));
  public static final PolicyEvaluator POLICY = TestPolicies.resourceEvaluator("guard-policy.json", "deny-policy.json");

  private Guards() {}

  public static InvokerGuardBuilder builder() {
    return InvokerGuard.builder().verifier(new FakeVerifier())
        .evaluator(POLICY).clock(CLOCK);
  }

  /** Gives a builder in another package the latency ticker, which is not public API. */
  public static InvokerGuardBuilder withTicker(InvokerGuardBuilder builder, java.util.function.LongSupplier ticker) {
    return builder.ticker(ticker);
  }

  public static InvokerGuard standard() {
    return builder().build();
  }

  public static AccessRequest.Builder get(String path) {
    return AccessRequest.builder("GET", "svc.example.com", path);
  }

  public static AccessRequest bearer(String path, String token) {
    return get(path).header("Authorization", "Bearer " + token).build();
  }
}
