package dev.invokerguard.samples.servlet;

import dev.invokerguard.InvokerGuardConfigurationException;
import dev.invokerguard.runtime.GuardSettings;
import dev.invokerguard.servlet.InvokerGuardFilter;
import java.net.BindException;
import java.net.URISyntaxException;
import java.nio.file.Path;
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
    } catch (InvokerGuardConfigurationException | IllegalArgumentException e) {
      System.err.println("sample-servlet: cannot start: " + e.getMessage());
      System.exit(2);
    } catch (Exception e) {
      System.err.println("sample-servlet: cannot start: " + (isPortInUse(e) ? portInUse(env.get("PORT")) : e));
      System.exit(1);
    }
  }

  private static boolean isPortInUse(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BindException) {
        return true;
      }
    }
    return false;
  }

  /** What to do when the port is taken: another port, through {@code PORT}. */
  static String portInUse(String portVariable) {
    int port;
    try {
      port = port(portVariable);
    } catch (IllegalArgumentException e) {
      port = DEFAULT_PORT;
    }
    int other = port == 9090 ? 9091 : 9090;
    return "port " + port + " is already in use; stop what listens there, or choose another port with PORT,"
        + " for example: PORT=" + other + " java -jar " + jarPath();
  }

  /** The jar this runs from, relative to the working directory when it is below it. */
  private static String jarPath() {
    try {
      Path jar = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Path here = Path.of("").toAbsolutePath();
      return jar.startsWith(here) ? here.relativize(jar).toString() : jar.toString();
    } catch (URISyntaxException | RuntimeException e) {
      return "sample-servlet.jar";
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
