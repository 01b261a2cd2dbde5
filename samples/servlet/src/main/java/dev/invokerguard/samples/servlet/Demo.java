package dev.invokerguard.samples.servlet;

import dev.invokerguard.runtime.GuardSettings;
import dev.invokerguard.servlet.InvokerGuardFilter;
import dev.invokerguard.testing.DemoMode;
import java.util.Map;

/**
 * Demo mode, shared with the other samples through the test kit's {@link DemoMode}: the bundled demo policy,
 * a local test issuer on loopback as the only trusted issuer, the service on loopback only, and a banner of
 * ready-to-paste {@code curl} commands with the status each should get. It refuses to start when any other
 * {@code INVOKERGUARD_*} variable is set or on Cloud Run ({@code K_SERVICE} set).
 */
final class Demo {
  private Demo() {}

  static void run(int port, Map<String, String> env) throws Exception {
    DemoMode.requireDemoEnvironment(env);
    DemoMode demo = DemoMode.start(port, env);
    GuardSettings settings = GuardSettings.fromProperties(demo.properties());
    SampleServer server = SampleServer.start("127.0.0.1", port, new InvokerGuardFilter(settings));
    Runtime.getRuntime().addShutdownHook(new Thread(demo::close, "demo-issuer-stop"));
    demo.printBanner(System.out, "sample-servlet", server.port());
  }
}
