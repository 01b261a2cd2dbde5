package dev.invokerguard.tck;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where Google Auth Library would find Application Default Credentials
 * (<a href="https://cloud.google.com/docs/authentication/application-default-credentials">ADC</a>): the
 * {@code GOOGLE_APPLICATION_CREDENTIALS} file, gcloud's well-known file, Cloud Shell, or a Google Cloud
 * machine's metadata server. A {@code cloudrun://} policy is fetched from Google with them; without any,
 * its fetch fails on this machine, before any network call.
 */
final class GoogleCredentialsProbe {
  private GoogleCredentialsProbe() {}

  /** The places that would provide credentials here; empty when none would. */
  static List<String> sources() {
    return sources(System.getenv(), Path.of(System.getProperty("user.home", "")),
        Path.of("/sys/class/dmi/id/product_name"));
  }

  /**
   * @param env the environment
   * @param home the user's home directory
   * @param productName the file naming the machine's product (Linux DMI), "Google Compute Engine" on Google
   *     Cloud
   */
  static List<String> sources(Map<String, String> env, Path home, Path productName) {
    List<String> found = new ArrayList<>();
    for (String variable : List.of("GOOGLE_APPLICATION_CREDENTIALS", "DEVSHELL_CLIENT_PORT", "GCE_METADATA_HOST")) {
      if (!env.getOrDefault(variable, "").isBlank()) {
        found.add("the environment variable " + variable);
      }
    }
    String config = env.get("CLOUDSDK_CONFIG");
    List<Path> wellKnown = new ArrayList<>();
    wellKnown.add(config == null || config.isBlank() ? home.resolve(".config/gcloud") : Path.of(config));
    if (env.get("APPDATA") != null) {
      wellKnown.add(Path.of(env.get("APPDATA"), "gcloud"));
    }
    for (Path directory : wellKnown) {
      Path file = directory.resolve("application_default_credentials.json");
      if (Files.exists(file)) {
        found.add("gcloud's credentials file " + file);
      }
    }
    try {
      if (Files.isReadable(productName) && Files.readString(productName).contains("Google")) {
        found.add("a Google Cloud machine's metadata server");
      }
    } catch (IOException e) {
      // unreadable: not a sign of a Google Cloud machine
    }
    return found;
  }
}
