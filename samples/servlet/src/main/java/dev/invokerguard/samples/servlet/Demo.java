package dev.invokerguard.samples.servlet;

import dev.invokerguard.runtime.GuardSettings;
import dev.invokerguard.servlet.InvokerGuardFilter;
import dev.invokerguard.testing.TestIssuer;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Demo mode: the bundled demo policy ({@code classpath:demo/policy.yaml}), a {@link TestIssuer} on loopback
 * as the only trusted issuer, the service on loopback only, and a banner of ready-to-paste {@code curl}
 * commands with the status each should get. It refuses to start when any other {@code INVOKERGUARD_*}
 * variable is set (a deployment that forgot its policy must not fall back to trusting a test issuer) or on
 * Cloud Run ({@code K_SERVICE} set).
 */
final class Demo {
  static final String POLICY = "classpath:demo/policy.yaml";
  static final String WARNING = "!!! DEMO MODE: this server trusts a LOCAL TEST ISSUER that signs any identity."
      + " NOT FOR PRODUCTION. Set INVOKERGUARD_POLICY and INVOKERGUARD_AUDIENCES to run for real. !!!";

  private Demo() {}

  static void run(int port, Map<String, String> env) throws Exception {
    List<String> others = env.keySet().stream().filter(n -> n.startsWith("INVOKERGUARD_")).sorted().toList();
    if (!others.isEmpty()) {
      throw new IllegalArgumentException("INVOKERGUARD_POLICY is not set but " + others + " are: set"
          + " INVOKERGUARD_POLICY too, or unset them all to run the demo");
    }
    if (env.containsKey("K_SERVICE")) {
      throw new IllegalArgumentException("INVOKERGUARD_POLICY is not set and this is Cloud Run (K_SERVICE):"
          + " demo mode runs on a workstation only");
    }
    TestIssuer issuer = TestIssuer.start();
    String audience = "http://localhost:" + port;
    GuardSettings settings = GuardSettings.builder().policy(POLICY).audiences(audience)
        .jwksUri(issuer.jwksUri()).build();
    SampleServer server = SampleServer.start("127.0.0.1", port, new InvokerGuardFilter(settings));
    Runtime.getRuntime().addShutdownHook(new Thread(issuer::close, "demo-issuer-stop"));
    banner(System.out, issuer, audience, server.port());
  }

  static void banner(PrintStream out, TestIssuer issuer, String audience, int port) {
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
    out.println("sample-servlet (demo) listening on " + base + " with policy " + POLICY);
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
}
