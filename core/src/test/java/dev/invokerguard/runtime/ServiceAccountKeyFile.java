package dev.invokerguard.runtime;

import com.google.auth.oauth2.GoogleCredentials;
import dev.invokerguard.policy.source.ApiCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;

/**
 * A service-account key file as {@code gcloud iam service-accounts keys create} writes it, with a fresh RSA
 * key and its {@code token_uri} pointing at a local token endpoint, read by Google Auth Library.
 */
final class ServiceAccountKeyFile {
  static final String EMAIL = "hello-run@my-project.iam.gserviceaccount.com";

  private ServiceAccountKeyFile() {}

  static Path write(Path dir, String tokenUri) throws IOException, NoSuchAlgorithmException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    String pem = "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(generator.generateKeyPair().getPrivate()
            .getEncoded()) + "\n-----END PRIVATE KEY-----\n";
    String json = """
        {"type": "service_account", "project_id": "my-project", "private_key_id": "0123456789abcdef",
         "private_key": "%s", "client_email": "%s", "client_id": "112233445566778899",
         "auth_uri": "https://accounts.google.com/o/oauth2/auth", "token_uri": "%s",
         "universe_domain": "googleapis.com"}""".formatted(pem.replace("\n", "\\n"), EMAIL, tokenUri);
    return Files.writeString(dir.resolve("key.json"), json);
  }

  /** The key file's credentials with the cloud-platform scope, as {@link ApiCredentials}. */
  static ApiCredentials credentials(Path keyFile) throws IOException {
    try (InputStream in = Files.newInputStream(keyFile)) {
      GoogleCredentials credentials = GoogleCredentials.fromStream(in)
          .createScoped(List.of("https://www.googleapis.com/auth/cloud-platform"));
      return credentials::getRequestMetadata;
    }
  }
}
