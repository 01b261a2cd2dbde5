package dev.invokerguard.samples.enduser;

import dev.invokerguard.InvokerGuardConfigurationException;
import dev.invokerguard.policy.PolicyLoadException;
import java.io.PrintStream;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.context.event.ContextClosedEvent;

/**
 * The end-user sample: {@code java -jar sample-end-user.jar} starts a Spring Boot API behind the
 * InvokerGuard starter on {@code PORT} (default 8080) and a web page on {@code PAGE_PORT} (default 8081),
 * another origin, both on loopback, and prints the page's URL. In local mode (the default) the page signs
 * in against the sample's own sign-in endpoint ({@link LocalIssuer}) and the API trusts that issuer's
 * Firebase-shaped tokens; with {@code INVOKERGUARD_FIREBASE_PROJECT} and {@code FIREBASE_API_KEY} the page
 * signs in with the Firebase JS SDK and the API trusts that project ({@link SampleSettings}). A bad setting
 * stops it with exit status 2, any other start-up failure with 1.
 */
@SpringBootApplication
public class EndUserApplication {
  static final String NAME = "sample-end-user";
  static final String LOCAL_POLICY = "classpath:end-user/local-policy.json";
  static final String WARNING = "!!! LOCAL MODE: this API trusts a LOCAL ISSUER whose sign-in page signs in"
      + " any email. NOT FOR PRODUCTION. Set INVOKERGUARD_FIREBASE_PROJECT (docs/end-users.md) for real. !!!";

  public static void main(String[] args) {
    SampleSettings settings;
    try {
      settings = SampleSettings.fromEnvironment(System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println(NAME + ": cannot start: " + e.getMessage());
      System.exit(2);
      return;
    }
    LocalIssuer local = null;
    PageServer page = null;
    try {
      local = settings.local() ? LocalIssuer.start(Clock.systemUTC()) : null;
      page = PageServer.start(settings, local);
      SpringApplication application = new SpringApplication(EndUserApplication.class);
      application.setDefaultProperties(properties(settings, local));
      AutoCloseable[] resources = {page, local};
      application.addListeners((ApplicationReadyEvent ready) -> printBanner(System.out, settings));
      application.addListeners((ContextClosedEvent closed) -> closeAll(resources));
      application.run(args);
    } catch (RuntimeException | java.io.IOException e) {
      closeAll(new AutoCloseable[] {page, local});
      System.err.println(NAME + ": cannot start: " + e.getMessage());
      System.exit(isConfiguration(e) ? 2 : 1);
    }
  }

  /** The API's settings beneath the environment's: port, loopback, the page's origin, and local mode's trust. */
  static Map<String, Object> properties(SampleSettings settings, @Nullable LocalIssuer local) {
    Map<String, Object> properties = new HashMap<>();
    properties.put("server.port", settings.apiPort());
    properties.put("server.address", "127.0.0.1");
    properties.put("sample.page-origin", settings.pageOrigin());
    properties.put("invokerguard.audiences", settings.apiUrl());
    if (local != null) {
      properties.put("invokerguard.policy", LOCAL_POLICY);
      properties.put("invokerguard.firebase-project", LocalIssuer.PROJECT);
      properties.put("invokerguard.firebase-keys-uri", local.firebaseCertsUri().toString());
      properties.put("invokerguard.jwks-uri", local.googleJwksUri().toString());
    }
    return properties;
  }

  static void printBanner(PrintStream out, SampleSettings settings) {
    if (settings.local()) {
      out.println(WARNING);
      out.println();
    }
    out.println(NAME + (settings.local() ? " (local mode)" : " (Firebase project "
        + settings.firebase().projectId() + ")") + ": API listening on " + settings.apiUrl()
        + ", page on " + settings.pageOrigin() + "/");
    out.println("Open " + settings.pageOrigin() + "/ in a browser.");
    if (settings.local()) {
      out.println("Sign in as alice@example.com (may call /api/me), " + LocalIssuer.ADMIN_EMAIL
          + " (firebase:" + LocalIssuer.ADMIN_UID + ", may call /api/admin/) or anyone else (no grant);"
          + " /api/public/ is open to everyone.");
      out.println();
      out.println(WARNING);
    }
    out.flush();
  }

  private static void closeAll(AutoCloseable[] resources) {
    for (AutoCloseable resource : resources) {
      if (resource != null) {
        try {
          resource.close();
        } catch (Exception e) {
          // stopping anyway
        }
      }
    }
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
}
