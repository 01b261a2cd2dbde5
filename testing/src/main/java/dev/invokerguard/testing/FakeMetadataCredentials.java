package dev.invokerguard.testing;

import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.auth.http.HttpTransportFactory;
import com.google.auth.oauth2.ComputeEngineCredentials;
import com.google.auth.oauth2.GoogleCredentials;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.util.Objects;

/**
 * Google Auth Library's own {@code ComputeEngineCredentials} talking to a {@link FakeMetadataServer} in this
 * process: its HTTP transport sends what it addresses to the metadata server ({@code metadata.google.internal}
 * or {@code 169.254.169.254}, <a href="https://cloud.google.com/run/docs/container-contract#metadata-server">
 * container contract</a>) to the fake instead, and everything else where it was going. This is the library's
 * transport hook: it reads {@code GCE_METADATA_HOST} only from the process environment, which a test can set
 * on a child process but not on itself. Needs {@code com.google.auth:google-auth-library-oauth2-http} on the
 * class path (an optional dependency of this module).
 *
 * <pre>{@code
 * try (FakeMetadataServer metadata = FakeMetadataServer.start(issuer, "robot@p.iam.gserviceaccount.com")) {
 *   GoogleCredentials credentials = FakeMetadataCredentials.of(metadata);
 * }
 * }</pre>
 */
public final class FakeMetadataCredentials {
  private FakeMetadataCredentials() {}

  /** Compute Engine credentials whose metadata server requests go to {@code server}. */
  public static GoogleCredentials of(FakeMetadataServer server) {
    return forHost(Objects.requireNonNull(server, "server").host());
  }

  /**
   * Compute Engine credentials whose metadata server requests go to {@code host} ({@code HOST:PORT}, as
   * {@link FakeMetadataServer#host()} gives it): for a test that has only the address, from configuration.
   */
  public static GoogleCredentials forHost(String host) {
    Objects.requireNonNull(host, "host");
    HttpTransportFactory transport = () -> new NetHttpTransport.Builder()
        .setConnectionFactory(url -> (HttpURLConnection) redirect(url, host).openConnection())
        .build();
    return ComputeEngineCredentials.newBuilder().setHttpTransportFactory(transport).build();
  }

  private static URL redirect(URL url, String metadataHost) throws IOException {
    String host = url.getHost();
    if (!host.equals("metadata.google.internal") && !host.equals("169.254.169.254")) {
      return url;
    }
    return URI.create("http://" + metadataHost + url.getFile()).toURL();
  }
}
