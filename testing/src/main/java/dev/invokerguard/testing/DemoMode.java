package dev.invokerguard.testing;

import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The samples' demo mode, shared by every sample: the bundled demo policy ({@value #POLICY}), a
 * {@link TestIssuer} on loopback as the only trusted issuer, and a banner of ready-to-paste {@code curl} commands
 * with the status each should get. {@link #requireWorkstation} refuses demo mode when any other
 * {@code INVOKERGUARD_*} variable is set (a deployment that forgot its policy must not fall back to trusting a
 * test issuer) or on Cloud Run ({@code K_SERVICE} set). Close it to stop the issuer.
 */
public final class DemoMode implements AutoCloseable {
  /** The demo policy, a class-path location as {@code invokerguard.policy} takes it. */
  public static final String POLICY = "classpath:dev/invokerguard/testing/demo-policy.yaml";
  /** Printed before and after the banner. */
  public static final String WARNING = "!!! DEMO MODE: this server trusts a LOCAL TEST ISSUER that signs any"
      + " identity. NOT FOR PRODUCTION. Set INVOKERGUARD_POLICY and INVOKERGUARD_AUDIENCES to run for real. !!!";

  private final TestIssuer issuer;
  private final String audience;

  private DemoMode(TestIssuer issuer, String audience) {
    this.issuer = issuer;
    this.audience = audience;
  }

  /**
   * Refuses demo mode unless this is a workstation run with no {@code INVOKERGUARD_*} variable at all.
   *
   * @throws IllegalArgumentException naming what is set
   */
  public static void requireWorkstation(Map<String, String> env) {
    List<String> others = env.keySet().stream().filter(n -> n.startsWith("INVOKERGUARD_")).sorted().toList();
    if (!others.isEmpty()) {
      throw new IllegalArgumentException("INVOKERGUARD_POLICY is not set but " + others + " are: set"
          + " INVOKERGUARD_POLICY too, or unset them all to run the demo");
    }
    if (env.containsKey("K_SERVICE")) {
      throw new IllegalArgumentException("INVOKERGUARD_POLICY is not set and this is Cloud Run (K_SERVICE):"
          + " demo mode runs on a workstation only");
    }
  }

  /** Starts the demo issuer for a service reached at {@code http://localhost:PORT}. */
  public static DemoMode start(int port) {
    TestIssuer issuer = TestIssuer.start();
    // The issuer makes its signing key on first use: now, before the guard's key prefetch asks for it.
    issuer.user("demo@example.com").sign();
    return new DemoMode(issuer, "http://localhost:" + port);
  }

  /** The issuer whose tokens the demo trusts. */
  public TestIssuer issuer() {
    return issuer;
  }

  /** The demo's audience, {@code http://localhost:PORT}. */
  public String audience() {
    return audience;
  }

  /** Where the demo issuer publishes its keys. */
  public URI jwksUri() {
    return issuer.jwksUri();
  }

  /** The demo's settings as {@code invokerguard.*} properties: policy, audience, key set. */
  public Map<String, String> properties() {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("invokerguard.policy", POLICY);
    properties.put("invokerguard.audiences", audience);
    properties.put("invokerguard.jwks-uri", jwksUri().toString());
    return properties;
  }

  /** Prints the warning, then {@code curl} commands for the service {@code name} on {@code port}. */
  public void printBanner(PrintStream out, String name, int port) {
    String base = "http://localhost:" + port;
    String alice = issuer.user("alice@example.com").audience(audience).sign();
    String reporter = issuer.serviceAccount("reporter@demo-project.iam.gserviceaccount.com")
        .audience(audience).sign();
    String mallory = issuer.user("mallory@example.com").audience(audience).sign();
    String bob = issuer.user("bob@example.com").audience(audience).sign();
    Instant now = Instant.now();
    String expired = issuer.user("alice@example.com").audience(audience)
        .issuedAt(now.minus(Duration.ofHours(2))).expiresAt(now.minus(Duration.ofHours(1))).sign();

    out.println(WARNING);
    out.println();
    out.println(name + " (demo) listening on " + base + " with policy " + POLICY);
    out.println("Paste these; the expected status is on the left. Tokens are valid for one hour.");
    out.println();
    command(out, 200, "alice@example.com, private area", bearer(alice), base + "/private/report");
    command(out, 200, "service account reporter@, private area", bearer(reporter), base + "/private/report");
    command(out, 403, "wrong user: mallory@ holds roles/run.viewer only", bearer(mallory),
        base + "/private/report");
    command(out, 403, "bob@ through localhost", bearer(bob), base + "/private/report");
    command(out, 200, "bob@ through the admin host", bearer(bob) + " -H 'Host: admin.localhost'",
        base + "/private/report");
    command(out, 401, "expired token", bearer(expired), base + "/private/report");
    command(out, 401, "no token", "", base + "/private/report");
    command(out, 200, "no token, public area", "", base + "/public/hello");
    out.println();
    out.println(WARNING);
    out.flush();
  }

  private static String bearer(String token) {
    return " -H 'Authorization: Bearer " + token + "'";
  }

  private static void command(PrintStream out, int status, String what, String headers, String url) {
    out.println("# " + status + "  " + what);
    out.println("curl -i" + headers + " " + url);
  }

  @Override
  public void close() {
    issuer.close();
  }
}
