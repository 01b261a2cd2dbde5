package dev.invokerguard.policy.source;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Authenticates calls to Google APIs: the headers (usually {@code Authorization: Bearer ...}) to send with
 * a request to {@code uri}. Implement it to bring your own tokens, e.g.
 * {@code uri -> Map.of("Authorization", List.of("Bearer " + accessToken()))}. The default,
 * {@link #applicationDefault()}, uses Google Auth Library's
 * <a href="https://cloud.google.com/docs/authentication/application-default-credentials">Application
 * Default Credentials</a>: on Cloud Run, the service's own service account.
 */
@FunctionalInterface
public interface ApiCredentials {

  /** The headers to add to a request to {@code uri}; throws when no credentials can be had. */
  Map<String, List<String>> requestHeaders(URI uri) throws IOException;

  /**
   * Application Default Credentials with the {@code cloud-platform} scope, found on first use (so a
   * process without credentials starts, and each poll reports why it cannot authenticate). They need Google
   * Auth Library ({@code com.google.auth:google-auth-library-oauth2-http}), an optional dependency of the
   * core: without it, opening a {@code cloudrun://} location with these credentials fails naming it.
   */
  static ApiCredentials applicationDefault() {
    return new ApplicationDefaultCredentials();
  }

  /**
   * Application Default Credentials with one OAuth 2.0 scope (e.g. Cloud Identity's
   * {@code https://www.googleapis.com/auth/cloud-identity.groups.readonly}), found on first use; they need
   * Google Auth Library as {@link #applicationDefault()} does.
   *
   * @param scope the scope asked for
   * @param usedBy what uses them, for the message naming the missing library ("group lookups are made")
   */
  static ApiCredentials applicationDefault(String scope, String usedBy) {
    return new ApplicationDefaultCredentials(scope, usedBy);
  }

  /** Whether Google Auth Library, which {@link #applicationDefault()} needs, is on the class path. */
  static boolean applicationDefaultAvailable() {
    return ApplicationDefaultCredentials.libraryPresent();
  }

  /** A fixed OAuth 2.0 access token (for tests and tools; it is never refreshed). */
  static ApiCredentials accessToken(String token) {
    Map<String, List<String>> headers = Map.of("Authorization", List.of("Bearer " + token));
    return uri -> headers;
  }
}
