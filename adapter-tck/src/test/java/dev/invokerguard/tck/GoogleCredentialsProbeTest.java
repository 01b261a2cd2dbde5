package dev.invokerguard.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoogleCredentialsProbeTest {
  @TempDir
  Path home;

  @Test
  void sourcesWhenNothingThenEmpty() {
    assertThat(GoogleCredentialsProbe.sources(Map.of(), home, home.resolve("product_name"))).isEmpty();
  }

  @Test
  void sourcesWhenCredentialsVariableThenNamed() {
    assertThat(GoogleCredentialsProbe.sources(Map.of("GOOGLE_APPLICATION_CREDENTIALS", "/k.json"), home,
        home.resolve("product_name"))).singleElement().asString().contains("GOOGLE_APPLICATION_CREDENTIALS");
  }

  @Test
  void sourcesWhenGcloudApplicationDefaultFileThenNamed() throws Exception {
    Path file = Files.createDirectories(home.resolve(".config/gcloud")).resolve("application_default_credentials.json");
    Files.writeString(file, "{}");

    assertThat(GoogleCredentialsProbe.sources(Map.of(), home, home.resolve("product_name")))
        .singleElement().asString().contains(file.toString());
  }

  @Test
  void sourcesWhenCloudSdkConfigDirectoryThenItsFileIsLookedFor() throws Exception {
    Path config = Files.createDirectories(home.resolve("sdk"));
    Files.writeString(config.resolve("application_default_credentials.json"), "{}");

    assertThat(GoogleCredentialsProbe.sources(Map.of("CLOUDSDK_CONFIG", config.toString()), home,
        home.resolve("product_name"))).hasSize(1);
  }

  @Test
  void sourcesWhenGoogleCloudMachineThenNamed() throws Exception {
    Path product = Files.writeString(home.resolve("product_name"), "Google Compute Engine\n");

    assertThat(GoogleCredentialsProbe.sources(Map.of(), home, product)).singleElement().asString()
        .contains("metadata server");
  }
}
