package dev.invokerguard.micronaut;

import dev.invokerguard.testing.TestIssuer;
import java.util.HashMap;
import java.util.Map;

/** One local test issuer for the test JVM, and the settings that trust it. */
final class Issuer {
  static final String AUDIENCE = "https://svc.example.com";
  static final TestIssuer ISSUER = TestIssuer.start();

  static {
    // The issuer makes its signing key on first use: make it now, not while a guard's key prefetch waits
    // (with a 3 s read timeout) on a busy machine.
    ISSUER.user("warm-up@example.com").sign();
  }

  private Issuer() {}

  /** Settings of a guarded test application: the test policy and groups, tokens of {@link #ISSUER}. */
  static Map<String, String> settings(String... more) {
    Map<String, String> properties = new HashMap<>();
    properties.put("invokerguard.policy", "classpath:test-policy.yaml");
    properties.put("invokerguard.audiences", AUDIENCE);
    properties.put("invokerguard.jwks-uri", ISSUER.jwksUri().toString());
    properties.put("invokerguard.groups", "classpath:test-groups.yaml");
    for (int i = 0; i + 1 < more.length; i += 2) {
      properties.put(more[i], more[i + 1]);
    }
    return properties;
  }

  static String user(String email) {
    return ISSUER.user(email).audience(AUDIENCE).sign();
  }

  static String serviceAccount(String email) {
    return ISSUER.serviceAccount(email).audience(AUDIENCE).sign();
  }
}
