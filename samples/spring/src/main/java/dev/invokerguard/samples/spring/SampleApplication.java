package dev.invokerguard.samples.spring;

import dev.invokerguard.InvokerGuardConfigurationException;
import dev.invokerguard.policy.PolicyLoadException;
import dev.invokerguard.testing.DemoMode;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/**
 * The Spring Boot sample: {@code java -jar sample-spring.jar}, configured only by {@code PORT} (default
 * 8080) and the {@code INVOKERGUARD_*} variables, which the starter reads through Spring Boot's relaxed
 * binding. Without {@code INVOKERGUARD_POLICY} it runs in demo mode ({@link DemoMode}: the demo policy, a
 * local test issuer, loopback only, a banner of curl commands). It never serves without the invoker check:
 * a bad setting stops it with exit status 2 (Spring Boot prints which one), any other start-up failure
 * (the port is taken, say) with exit status 1.
 */
@SpringBootApplication
public class SampleApplication {
  static final int DEFAULT_PORT = 8080;
  static final String NAME = "sample-spring";

  public static void main(String[] args) {
    Map<String, String> env = System.getenv();
    int port;
    try {
      port = port(env.get("PORT"));
      if (isBlank(env.get("INVOKERGUARD_POLICY"))) {
        DemoMode.requireDemoEnvironment(env);
      }
    } catch (IllegalArgumentException e) {
      System.err.println(NAME + ": cannot start: " + e.getMessage());
      System.exit(2);
      return;
    }
    DemoMode demo = null;
    try {
      Map<String, Object> defaults = new HashMap<>();
      defaults.put("server.port", port);
      SpringApplication application = new SpringApplication(SampleApplication.class);
      if (isBlank(env.get("INVOKERGUARD_POLICY"))) {
        DemoMode started = DemoMode.start(port, env);
        demo = started;
        defaults.putAll(started.properties());
        defaults.put("server.address", "127.0.0.1");
        application.addListeners((ApplicationReadyEvent ready) -> started.printBanner(System.out, NAME,
            localPort(ready)));
      } else {
        application.addListeners((ApplicationReadyEvent ready) -> System.out.println(NAME
            + " listening on port " + localPort(ready)));
      }
      application.setDefaultProperties(defaults);
      application.run(args);
    } catch (RuntimeException e) {
      if (demo != null) {
        demo.close();
      }
      System.err.println(NAME + ": cannot start: " + e.getMessage());
      System.exit(isConfiguration(e) ? 2 : 1);
    }
  }

  private static int localPort(ApplicationReadyEvent ready) {
    return ((WebServerApplicationContext) ready.getApplicationContext()).getWebServer().getPort();
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }

  /** A setting that is missing or wrong, or a policy that does not load. */
  static boolean isConfiguration(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof InvokerGuardConfigurationException || cause instanceof PolicyLoadException
          || cause instanceof BindException) {
        return true;
      }
    }
    return false;
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
