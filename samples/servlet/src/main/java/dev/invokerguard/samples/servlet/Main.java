package dev.invokerguard.samples.servlet;

import dev.invokerguard.InvokerGuardConfigurationException;
import dev.invokerguard.runtime.GuardSettings;
import dev.invokerguard.policy.PolicyLoadException;
import dev.invokerguard.servlet.InvokerGuardFilter;
import java.util.Map;

/**
 * Runs the sample: {@code java -jar sample-servlet.jar}, configured only by {@code PORT} (default 8080)
 * and the {@code INVOKERGUARD_*} variables. Without {@code INVOKERGUARD_POLICY} it runs in demo mode
 * ({@link Demo}). It never serves without the invoker check: a bad setting stops it with exit status 2, any
 * other start-up failure (the port is taken, say) with exit status 1.
 */
public final class Main {
  static final int DEFAULT_PORT = 8080;

  private Main() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> env = System.getenv();
    try {
      int port = port(env.get("PORT"));
      if (env.get("INVOKERGUARD_POLICY") == null || env.get("INVOKERGUARD_POLICY").isBlank()) {
        Demo.run(port, env);
        return;
      }
      GuardSettings settings = GuardSettings.fromEnvironment(env);
      SampleServer server = SampleServer.start(port, new InvokerGuardFilter(settings));
      System.out.println("sample-servlet listening on port " + server.port() + "; policy "
          + settings.policy() + ", audiences " + settings.audiences());
    } catch (InvokerGuardConfigurationException | PolicyLoadException | IllegalArgumentException e) {
      System.err.println("sample-servlet: cannot start: " + e.getMessage());
      System.exit(2);
    } catch (Exception e) {
      System.err.println("sample-servlet: cannot start: " + e);
      System.exit(1);
    }
  }

  static int port(String text) {
    if (text == null || text.isBlank()) {
      return DEFAULT_PORT;
    }
    try {
      int port = Integer.parseInt(text.strip());
      if (port >= 1 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("PORT must be a port number between 1 and 65535: \"" + text + "\"");
  }
}
