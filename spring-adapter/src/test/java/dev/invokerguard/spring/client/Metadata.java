package dev.invokerguard.spring.client;

import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.auth.http.HttpTransportFactory;
import com.google.auth.oauth2.ComputeEngineCredentials;
import com.google.auth.oauth2.GoogleCredentials;
import dev.invokerguard.testing.FakeMetadataServer;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;

/**
 * Google Auth Library's own {@code ComputeEngineCredentials}, its HTTP transport sending what it
 * addresses to the metadata server ({@code metadata.google.internal}) to a {@link FakeMetadataServer}
 * instead: the library's transport hook, since it reads {@code GCE_METADATA_HOST} only from the
 * process environment (the sample's end-to-end tests set that variable on child processes).
 */
final class Metadata {
  private Metadata() {}

  static GoogleCredentials credentials(FakeMetadataServer server) {
    HttpTransportFactory transport =
        () ->
            new NetHttpTransport.Builder()
                .setConnectionFactory(url -> (HttpURLConnection) redirect(url, server).openConnection())
                .build();
    return ComputeEngineCredentials.newBuilder().setHttpTransportFactory(transport).build();
  }

  private static URL redirect(URL url, FakeMetadataServer server) throws java.io.IOException {
    String host = url.getHost();
    if (!host.equals("metadata.google.internal") && !host.equals("169.254.169.254")) {
      return url;
    }
    return URI.create("http://" + server.host() + url.getFile()).toURL();
  }
}
