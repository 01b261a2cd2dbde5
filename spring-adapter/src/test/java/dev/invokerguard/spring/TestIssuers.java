package dev.invokerguard.spring;

import dev.invokerguard.testing.TestIssuer;

/** Test issuers whose Google signing key exists before any application fetches it. */
public final class TestIssuers {
  private TestIssuers() {}

  /**
   * A started issuer with its key already generated: a key generated on the first fetch can take longer
   * than the guard's read timeout on a crowded machine, and the guard would then answer 503 for a while.
   */
  public static TestIssuer started() {
    TestIssuer issuer = TestIssuer.start();
    issuer.user("warm-up@example.com").sign();
    return issuer;
  }
}
