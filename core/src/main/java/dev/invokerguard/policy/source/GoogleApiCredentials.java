package dev.invokerguard.policy.source;

import com.google.auth.oauth2.GoogleCredentials;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;

/** {@link ApiCredentials} over Google Auth Library credentials, Application Default ones when none given. */
final class GoogleApiCredentials implements ApiCredentials {
  static final String CLOUD_PLATFORM = "https://www.googleapis.com/auth/cloud-platform";

  private final String scope;
  private volatile GoogleCredentials credentials;

  GoogleApiCredentials(GoogleCredentials credentials) {
    this(credentials, CLOUD_PLATFORM);
  }

  GoogleApiCredentials(GoogleCredentials credentials, String scope) {
    this.credentials = credentials;
    this.scope = scope;
  }

  @Override
  public Map<String, List<String>> requestHeaders(URI uri) throws IOException {
    return resolve().getRequestMetadata(uri);
  }

  private GoogleCredentials resolve() throws IOException {
    GoogleCredentials found = credentials;
    if (found == null) {
      synchronized (this) {
        found = credentials;
        if (found == null) {
          try {
            found = GoogleCredentials.getApplicationDefault();
          } catch (IOException e) {
            throw new IOException("no Application Default Credentials: " + e.getMessage(), e);
          }
          if (found.createScopedRequired()) {
            found = found.createScoped(scope);
          }
          credentials = found;
        }
      }
    }
    return found;
  }
}
