package dev.invokerguard.samples.micronaut;

import dev.invokerguard.InvokerGuardConfigurationException;
import dev.invokerguard.policy.PolicyLoadException;
import dev.invokerguard.testing.DemoMode;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs the sample: {@code java -jar sample-micronaut.jar}, configured only by {@code PORT} (default 8080) and the
 * {@code INVOKERGUARD_*} variables, which Micronaut reads as the {@code invokerguard.*} properties
 * ({@code INVOKERGUARD_ENABLED=false} serves without the check, for the load benchmark's baseline). Without
 * {@code INVOKERGUARD_POLICY} it runs in demo mode ({@link DemoMode}: the demo policy, a local test issuer, the
 * server on loopback only, a banner of curl commands). It never serves without the invoker check: a bad setting
 * stops it with exit status 2, any other start-up failure (the port is taken, say) with exit status 1.
 */
public final class Application {
  static final int DEFAULT_PORT = 8080;
  static final String NAME = "sample-micronaut";

  private Application() {}

  public static void main(String[] args) {
    Map<String, String> env = System.getenv();
    DemoMode demo = null;
    try {
      int port = port(env.get("PORT"));
      Map<String, Object> properties = new HashMap<>();
      properties.put("micronaut.server.port", port);
      String policy = env.get("INVOKERGUARD_POLICY");
      boolean disabled = "false".equalsIgnoreCase(env.getOrDefault("INVOKERGUARD_ENABLED", "").strip());
      if (disabled) {
        System.out.println("!!! " + NAME + ": INVOKERGUARD_ENABLED=false: every request is served WITHOUT the"
            + " invoker check !!!");
      } else if (policy == null || policy.isBlank()) {
        DemoMode.requireDemoEnvironment(env);
        demo = DemoMode.start(port);
        properties.putAll(demo.properties());
        properties.put("micronaut.server.host", "127.0.0.1");
      }
      ApplicationContext context = ApplicationContext.builder(Application.class).args(args)
          .properties(properties).start();
      EmbeddedServer server = context.getBean(EmbeddedServer.class).start();
      DemoMode running = demo;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        context.close();
        if (running != null) {
          running.close();
        }
      }, NAME + "-stop"));
      if (demo != null) {
        demo.printBanner(System.out, NAME, server.getPort());
      } else if (disabled) {
        System.out.println(NAME + " listening on port " + server.getPort() + " without InvokerGuard");
      } else {
        System.out.println(NAME + " listening on port " + server.getPort() + "; policy " + policy
            + ", audiences " + env.get("INVOKERGUARD_AUDIENCES"));
      }
    } catch (Throwable e) {
      if (demo != null) {
        demo.close();
      }
      Throwable cause = rootCause(e);
      boolean badSetting = cause instanceof InvokerGuardConfigurationException
          || cause instanceof PolicyLoadException || cause instanceof IllegalArgumentException;
      System.err.println(NAME + ": cannot start: " + (badSetting ? cause.getMessage() : e.toString()));
      System.exit(badSetting ? 2 : 1);
    }
  }

  private static Throwable rootCause(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause;
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
