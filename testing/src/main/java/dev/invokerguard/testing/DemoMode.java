package dev.invokerguard.testing;

import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo mode every sample service shares (DESIGN.md, "The sample contract"): the bundled demo policy
 * ({@value #POLICY}), a {@link TestIssuer} on loopback as the only trusted issuer, audience
 * {@code http://localhost:PORT}, and a banner of ready-to-paste {@code curl} commands with the status each
 * should get. {@link #requireDemoEnvironment} refuses demo mode when any {@code INVOKERGUARD_*} variable is
 * set (a deployment that forgot its policy must not fall back to trusting a test issuer) or on Cloud Run
 * ({@code K_SERVICE} set). Demo mode is a sample feature: the library never trusts a local issuer unless told.
 */
public final class DemoMode implements AutoCloseable {
  /** The demo policy, a class-path location the core reads. */
  public static final String POLICY = "classpath:dev/invokerguard/testing/demo/policy.yaml";
  /** The paths open to everyone, the application's local layer ({@code invokerguard.public-paths}). */
  public static final String PUBLIC_PATHS = "/public/,/healthz";
  /** The one other variable demo mode reads: the fraction of allowed decisions logged (default: all). */
  public static final String SAMPLE_RATE_VARIABLE = "INVOKERGUARD_DECISION_LOG_SAMPLE_RATE";
  /** Printed before and after the banner. */
  public static final String WARNING = "!!! DEMO MODE: this server trusts a LOCAL TEST ISSUER that signs any"
      + " identity. NOT FOR PRODUCTION. Set INVOKERGUARD_POLICY and INVOKERGUARD_AUDIENCES to run for real. !!!";

  private final TestIssuer issuer;
  private final String audience;
  private final String sampleRate;

  private DemoMode(TestIssuer issuer, String audience, String sampleRate) {
    this.issuer = issuer;
    this.audience = audience;
    this.sampleRate = sampleRate;
  }

  /**
   * Throws {@link IllegalArgumentException} unless demo mode may run here: no {@code INVOKERGUARD_*}
   * variable but {@value #SAMPLE_RATE_VARIABLE}, and not on Cloud Run.
   */
  public static void requireDemoEnvironment(Map<String, String> env) {
    List<String> others = env.keySet().stream().filter(n -> n.startsWith("INVOKERGUARD_"))
        .filter(n -> !n.equals(SAMPLE_RATE_VARIABLE)).sorted().toList();
    if (!others.isEmpty()) {
      throw new IllegalArgumentException("INVOKERGUARD_POLICY is not set but " + others + " are: set"
          + " INVOKERGUARD_POLICY too, or unset them all to run the demo");
    }
    if (env.containsKey("K_SERVICE")) {
      throw new IllegalArgumentException("INVOKERGUARD_POLICY is not set and this is Cloud Run (K_SERVICE):"
          + " demo mode runs on a workstation only");
    }
  }

  /**
   * Starts the demo's test issuer for a service that will listen on {@code port}. Its Google signing key
   * is generated here, so that the service's first key fetch is answered at once.
   */
  public static DemoMode start(int port) {
    return start(port, Map.of());
  }

  /**
   * As {@link #start(int)}, reading {@value #SAMPLE_RATE_VARIABLE} from {@code env}: the demo logs every
   * decision unless it says otherwise.
   */
  public static DemoMode start(int port, Map<String, String> env) {
    String rate = env.get(SAMPLE_RATE_VARIABLE);
    TestIssuer issuer = TestIssuer.start();
    issuer.user("alice@example.com").sign();
    return new DemoMode(issuer, "http://localhost:" + port, rate == null || rate.isBlank() ? "1" : rate.strip());
  }

  /** The audience the demo's tokens carry: {@code http://localhost:PORT}. */
  public String audience() {
    return audience;
  }

  /** Where the demo's issuer publishes its keys. */
  public URI jwksUri() {
    return issuer.jwksUri();
  }

  /**
   * The demo's settings in property form ({@code invokerguard.policy}, {@code audiences}, {@code jwks-uri},
   * {@code public-paths}, {@code decision-log-sample-rate}).
   */
  public Map<String, String> properties() {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("invokerguard.policy", POLICY);
    properties.put("invokerguard.audiences", audience);
    properties.put("invokerguard.jwks-uri", issuer.jwksUri().toString());
    properties.put("invokerguard.public-paths", PUBLIC_PATHS);
    properties.put("invokerguard.decision-log-sample-rate", sampleRate);
    return properties;
  }

  /**
   * Prints the warning, what listens where, the open paths, the key-set URL, and nine curl commands with the
   * status each should get.
   */
  public void printBanner(PrintStream out, String service, int port) {
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
    out.println(service + " (demo) listening on " + base + " with policy " + POLICY);
    out.println("open to everyone (the local layer, invokerguard.public-paths): " + PUBLIC_PATHS);
    out.println("token signing keys (the test issuer's key set): " + issuer.jwksUri());
    out.println("decision log: " + ("1".equals(sampleRate) ? "every decision" : "allowed decisions sampled at "
        + sampleRate + ", every denial") + " (" + SAMPLE_RATE_VARIABLE + ")");
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
    command(out, 200, "no token, health check", "", base + "/healthz");
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

  /** Stops the demo's issuer. */
  @Override
  public void close() {
    issuer.close();
  }
}
