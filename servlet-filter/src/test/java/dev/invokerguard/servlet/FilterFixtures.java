package dev.invokerguard.servlet;

import dev.invokerguard.runtime.GuardSettings;
import dev.invokerguard.testing.TestIssuer;
import java.util.Map;

/** Settings and tokens shared by the filter tests. */
final class FilterFixtures {
  static final String AUDIENCE = "https://svc.example.com";
  static final String POLICY = "classpath:filter-policy.json";

  private FilterFixtures() {}

  static GuardSettings settings(TestIssuer issuer) {
    return GuardSettings.builder().policy(POLICY).audiences(AUDIENCE).jwksUri(issuer.jwksUri()).build();
  }

  static Map<String, String> initParameters(TestIssuer issuer) {
    return Map.of("invokerguard.policy", POLICY, "invokerguard.audiences", AUDIENCE,
        "invokerguard.jwks-uri", issuer.jwksUri().toString());
  }

  static String alice(TestIssuer issuer) {
    return issuer.user("alice@example.com").audience(AUDIENCE).sign();
  }
}
