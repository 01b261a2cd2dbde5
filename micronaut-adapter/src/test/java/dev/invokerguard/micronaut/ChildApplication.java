package dev.invokerguard.micronaut;

import dev.invokerguard.runtime.GuardSettings;
import dev.invokerguard.tck.sample.RawHttp;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.Map;

/**
 * A guarded Micronaut application started in a JVM of its own by {@link ChildJvm}, configured only by its
 * environment. It prints what it sees ({@code key=value} lines), sends {@code GET /private/x} with the token
 * given as its argument, and exits; a start-up failure is printed as {@code failure=} lines, one per cause,
 * with exit status 3.
 */
final class ChildApplication {
  /** By name: without micronaut-management the class cannot be loaded. */
  static final String HEALTH_INDICATOR = "dev.invokerguard.micronaut.health.InvokerGuardHealthIndicator";

  /** By name: without Micrometer the class cannot be loaded. */
  static final String REQUEST_METRICS = "dev.invokerguard.micrometer.RequestMetrics";

  private ChildApplication() {}

  /** Whether the context has a bean of the type; not when the type, or one it needs, is not on the class path. */
  private static boolean hasBean(ApplicationContext context, String type) {
    try {
      return context.containsBean(Class.forName(type));
    } catch (ClassNotFoundException | NoClassDefFoundError absent) {
      return false;
    }
  }

  public static void main(String[] args) throws Exception {
    EmbeddedServer server;
    try {
      server = ApplicationContext.run(EmbeddedServer.class,
          Map.of("micronaut.server.host", "127.0.0.1", "micronaut.server.port", -1), Environment.TEST);
    } catch (RuntimeException e) {
      for (Throwable cause = e; cause != null; cause = cause.getCause()) {
        System.out.println("failure=" + cause.getClass().getName() + ": " + cause.getMessage());
      }
      System.exit(3);
      return;
    }
    try (ApplicationContext context = server.getApplicationContext()) {
      GuardSettings settings = context.getBean(GuardSettings.class);
      System.out.println("audiences=" + String.join(",", settings.audiences()));
      System.out.println("tokenCacheSize=" + settings.tokenCacheSize());
      System.out.println("mode=" + settings.mode());
      System.out.println("healthIndicator=" + (hasBean(context, HEALTH_INDICATOR) ? "present" : "absent"));
      System.out.println("meters=" + (hasBean(context, REQUEST_METRICS) ? "present" : "absent"));
      RawHttp.Response response = new RawHttp(server.getPort()).getWithToken("/private/x", args[0]);
      System.out.println("status=" + response.status());
      System.out.println("body=" + response.body());
    }
    System.exit(0);
  }
}
