package dev.invokerguard.policy.source;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * <a href="https://cloud.google.com/docs/authentication/application-default-credentials">Application Default
 * Credentials</a> through Google Auth Library, an optional dependency: this class names none of its types,
 * so the core loads without it, and a {@code cloudrun://} location opened without it fails with a message
 * naming the artifact to add.
 */
final class ApplicationDefaultCredentials implements ApiCredentials {
  static final String ARTIFACT = "com.google.auth:google-auth-library-oauth2-http";
  private static final String CREDENTIALS_CLASS = "com.google.auth.oauth2.GoogleCredentials";

  private final String scope;
  private final String usedBy;
  private volatile @Nullable ApiCredentials google;

  ApplicationDefaultCredentials() {
    this(GoogleApiCredentials.CLOUD_PLATFORM, "cloudrun:// locations are read");
  }

  ApplicationDefaultCredentials(String scope, String usedBy) {
    this.scope = scope;
    this.usedBy = usedBy;
  }

  /** Whether Google Auth Library is on the class path. */
  static boolean libraryPresent() {
    try {
      Class.forName(CREDENTIALS_CLASS, false, ApplicationDefaultCredentials.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  static String missingLibrary() {
    return missingLibrary("cloudrun:// locations are read");
  }

  static String missingLibrary(String usedBy) {
    return usedBy + " with Application Default Credentials, which need " + ARTIFACT
        + " on the class path: add that dependency, or give the credentials yourself (ApiCredentials)";
  }

  @Override
  public Map<String, List<String>> requestHeaders(URI uri) throws IOException {
    ApiCredentials found = google;
    if (found == null) {
      if (!libraryPresent()) {
        throw new IOException(missingLibrary(usedBy));
      }
      found = new GoogleApiCredentials(null, scope);
      google = found;
    }
    return found.requestHeaders(uri);
  }
}
