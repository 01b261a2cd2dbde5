package dev.invokerguard;

import dev.invokerguard.policy.PolicyEvaluator;
import dev.invokerguard.policy.TestPolicies;
import dev.invokerguard.testing.MutableClock;
import java.time.Instant;

/** Guards for tests: fake verifier, trivial normaliser, sample policies, a fixed clock. */
final class Guards {
  static final MutableClock CLOCK = MutableClock.at(Instant.parse("2025-06-01T12:00:00Z"));
  static final PolicyEvaluator POLICY = TestPolicies.resourceEvaluator("guard-policy.json", "deny-policy.json");

  private Guards() {}

  static InvokerGuardBuilder builder() {
    return InvokerGuard.builder().verifier(new FakeVerifier())
        .evaluator(POLICY).clock(CLOCK);
  }

  static InvokerGuard standard() {
    return builder().build();
  }

  static AccessRequest.Builder get(String path) {
    return AccessRequest.builder("GET", "svc.example.com", path);
  }

  static AccessRequest bearer(String path, String token) {
    return get(path).header("Authorization", "Bearer " + token).build();
  }
}
