package dev.invokerguard.micronaut.client;

import com.google.auth.oauth2.GoogleCredentials;
import dev.invokerguard.testing.FakeMetadataCredentials;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

/**
 * The application's {@code GoogleCredentials} bean in the tests: Google Auth Library's own {@code
 * ComputeEngineCredentials} talking to the fake metadata server at {@code test.metadata-host}
 * ({@link FakeMetadataCredentials}).
 */
@Factory
@Requires(property = OutboundSettings.METADATA_HOST)
public class MetadataCredentialsFactory {

  @Singleton
  public GoogleCredentials metadataServerCredentials(@Value("${" + OutboundSettings.METADATA_HOST + "}") String host) {
    return FakeMetadataCredentials.forHost(host);
  }
}
