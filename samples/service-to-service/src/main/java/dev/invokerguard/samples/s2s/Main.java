package dev.invokerguard.samples.s2s;

import dev.invokerguard.InvokerGuardConfigurationException;
import dev.invokerguard.client.OutboundTokenException;
import dev.invokerguard.runtime.GuardSettings;
import java.util.Map;

/**
 * {@code java -jar sample-service-to-service.jar [local|backend|frontend]}.
 *
 * <ul>
 *   <li>{@code local} (the default): both roles on loopback, with a local test issuer and a fake
 *       metadata server; prints the calls to make ({@link LocalMode}).
 *   <li>{@code backend}: {@code PORT} and the {@code INVOKERGUARD_*} variables ({@link Backend}).
 *   <li>{@code frontend}: {@code PORT}, {@code BACKEND_URL}, optional {@code BACKEND_AUDIENCE} and
 *       {@code BACKEND_API_KEY}; tokens from Application Default Credentials ({@link Frontend}).
 * </ul>
 *
 * Both roles listen on every interface, or on {@code LISTEN_ADDRESS} when set.
 *
 * A bad setting stops it with exit status 2.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    String role = args.length == 0 ? "local" : args[0];
    Map<String, String> env = System.getenv();
    try {
      switch (role) {
        case "local" -> LocalMode.run(env);
        case "backend" -> {
          int port = port(env.get("PORT"), 8081);
          GuardSettings settings = GuardSettings.fromEnvironment(env);
          Backend.start(listenAddress(env), port, settings);
          System.out.println("backend listening on port " + port + "; policy " + settings.policy()
              + ", audiences " + settings.audiences());
        }
        case "frontend" -> {
          int port = port(env.get("PORT"), 8080);
          String backend = required(env, "BACKEND_URL");
          Frontend.start(listenAddress(env), port, backend, env.get("BACKEND_AUDIENCE"),
              env.getOrDefault("BACKEND_API_KEY", "demo-api-key"));
          System.out.println("frontend listening on port " + port + "; calls " + backend);
        }
        default -> throw new IllegalArgumentException(
            "unknown role " + role + ": use local (the default), backend or frontend");
      }
    } catch (InvokerGuardConfigurationException | OutboundTokenException | IllegalArgumentException e) {
      System.err.println("sample-service-to-service: cannot start: " + e.getMessage());
      System.exit(2);
    }
  }

  /** {@code LISTEN_ADDRESS} (local mode: 127.0.0.1), or null for every interface (Cloud Run). */
  private static String listenAddress(Map<String, String> env) {
    String value = env.get("LISTEN_ADDRESS");
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static String required(Map<String, String> env, String name) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " is required (the backend's URL)");
    }
    return value.strip();
  }

  static int port(String text, int fallback) {
    if (text == null || text.isBlank()) {
      return fallback;
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
