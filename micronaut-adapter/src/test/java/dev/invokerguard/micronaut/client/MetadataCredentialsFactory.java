package dev.invokerguard.micronaut.client;

import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.auth.http.HttpTransportFactory;
import com.google.auth.oauth2.ComputeEngineCredentials;
import com.google.auth.oauth2.GoogleCredentials;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;

/**
 * The application's {@code GoogleCredentials} bean in the tests: Google Auth Library's own {@code
 * ComputeEngineCredentials}, its transport sending what it addresses to the metadata server to the
 * fake metadata server at {@code test.metadata-host} (the library reads {@code GCE_METADATA_HOST} only
 * from the process environment).
 */
@Factory
@Requires(property = OutboundSettings.METADATA_HOST)
public class MetadataCredentialsFactory {

  @Singleton
  public GoogleCredentials metadataServerCredentials(@Value("${" + OutboundSettings.METADATA_HOST + "}") String host) {
    HttpTransportFactory transport =
        () ->
            new NetHttpTransport.Builder()
                .setConnectionFactory(url -> (HttpURLConnection) redirect(url, host).openConnection())
                .build();
    return ComputeEngineCredentials.newBuilder().setHttpTransportFactory(transport).build();
  }

  private static URL redirect(URL url, String host) throws IOException {
    if (!url.getHost().equals("metadata.google.internal") && !url.getHost().equals("169.254.169.254")) {
      return url;
    }
    return URI.create("http://" + host + url.getFile()).toURL();
  }
}
