package dev.invokerguard.samples.enduser;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What the end-user sample reads from its environment: the API's port ({@code PORT}, default 8080), the
 * page's port ({@code PAGE_PORT}, default 8081), and the mode. Local mode (the default) trusts an
 * in-process issuer of Firebase-shaped tokens and runs offline; production mode, chosen by
 * {@code INVOKERGUARD_FIREBASE_PROJECT} with the project's web configuration ({@code FIREBASE_API_KEY},
 * optionally {@code FIREBASE_AUTH_DOMAIN} and an Identity Platform {@code FIREBASE_TENANT_ID}), lets the
 * page sign in with the Firebase JS SDK and the API trust that project's tokens only.
 *
 * @param apiPort the API's port
 * @param pagePort the page's port
 * @param firebase the Firebase web configuration in production mode, {@code null} in local mode
 */
record SampleSettings(int apiPort, int pagePort, @Nullable FirebaseWebConfig firebase) {
  static final int DEFAULT_API_PORT = 8080;
  static final int DEFAULT_PAGE_PORT = 8081;
  /** The only {@code INVOKERGUARD_*} variable local mode accepts besides none at all. */
  static final String SAMPLE_RATE_VARIABLE = "INVOKERGUARD_DECISION_LOG_SAMPLE_RATE";

  /**
   * The web configuration the page hands to Firebase's {@code initializeApp}, plus the Identity Platform
   * tenant its users sign in to (none: the project's own users).
   */
  record FirebaseWebConfig(String projectId, String apiKey, String authDomain, @Nullable String tenantId) {}

  /** Whether the page signs in locally and the API trusts the in-process issuer. */
  boolean local() {
    return firebase == null;
  }

  /** The page's origin, the only one the API's CORS configuration allows. */
  String pageOrigin() {
    return "http://localhost:" + pagePort;
  }

  /** The API's base URL as the page calls it (also its token audience for Google ID tokens). */
  String apiUrl() {
    return "http://localhost:" + apiPort;
  }

  /**
   * Reads the environment.
   *
   * @throws IllegalArgumentException naming the variable that is missing or wrong
   */
  static SampleSettings fromEnvironment(Map<String, String> env) {
    int api = port("PORT", env.get("PORT"), DEFAULT_API_PORT);
    int page = port("PAGE_PORT", env.get("PAGE_PORT"), DEFAULT_PAGE_PORT);
    if (api == page) {
      throw new IllegalArgumentException("PORT and PAGE_PORT must differ (the page is served from another"
          + " origin than the API): both are " + api);
    }
    String project = value(env, "INVOKERGUARD_FIREBASE_PROJECT");
    String apiKey = value(env, "FIREBASE_API_KEY");
    if (project == null) {
      requireLocalEnvironment(env, apiKey);
      return new SampleSettings(api, page, null);
    }
    if (apiKey == null) {
      throw new IllegalArgumentException("INVOKERGUARD_FIREBASE_PROJECT is set but FIREBASE_API_KEY is not:"
          + " set the project's web API key (Firebase console, Project settings) for the page's sign-in");
    }
    if (value(env, "INVOKERGUARD_POLICY") == null) {
      throw new IllegalArgumentException("INVOKERGUARD_FIREBASE_PROJECT is set but INVOKERGUARD_POLICY is not:"
          + " production mode needs a policy naming your users (docs/end-users.md)");
    }
    String authDomain = value(env, "FIREBASE_AUTH_DOMAIN");
    return new SampleSettings(api, page, new FirebaseWebConfig(project, apiKey,
        authDomain == null ? project + ".firebaseapp.com" : authDomain, value(env, "FIREBASE_TENANT_ID")));
  }

  /**
   * Local mode trusts an issuer that signs any identity: refused when the environment looks like a
   * deployment (an {@code INVOKERGUARD_*} setting, Firebase web configuration, or Cloud Run).
   */
  private static void requireLocalEnvironment(Map<String, String> env, @Nullable String apiKey) {
    List<String> settings = env.keySet().stream().filter(n -> n.startsWith("INVOKERGUARD_"))
        .filter(n -> !n.equals(SAMPLE_RATE_VARIABLE)).sorted().toList();
    if (!settings.isEmpty()) {
      throw new IllegalArgumentException("INVOKERGUARD_FIREBASE_PROJECT is not set but " + settings + " are:"
          + " set it for production mode, or unset them all for local mode");
    }
    if (apiKey != null) {
      throw new IllegalArgumentException("FIREBASE_API_KEY is set but INVOKERGUARD_FIREBASE_PROJECT is not:"
          + " set both for production mode, or neither for local mode");
    }
    if (env.containsKey("K_SERVICE")) {
      throw new IllegalArgumentException("INVOKERGUARD_FIREBASE_PROJECT is not set and this is Cloud Run"
          + " (K_SERVICE): local mode runs on a workstation only");
    }
  }

  private static @Nullable String value(Map<String, String> env, String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? null : value.strip();
  }

  static int port(String name, @Nullable String text, int fallback) {
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
    throw new IllegalArgumentException(name + " must be a port number between 1 and 65535: \"" + text + "\"");
  }
}
