package dev.invokerguard.policy.source;

import dev.invokerguard.InvokerGuardConfigurationException;
import dev.invokerguard.request.AccessRequest;
import dev.invokerguard.runtime.GuardRuntime;
import dev.invokerguard.runtime.GuardSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Runs the core in a class loader that lacks Google Auth Library (loaded there by
 * {@link GoogleAuthOptionalTest}) and reports, one line each, what happened.
 */
public final class CoreWithoutGoogleAuth implements Function<Path, List<String>> {
  private static final String SERVICE = "cloudrun://projects/p/locations/europe-west1/services/s";
  private static final URI NO_KEYS = URI.create("http://127.0.0.1:9/certs");

  @Override
  public List<String> apply(Path dir) {
    List<String> seen = new ArrayList<>();
    try {
      Class.forName("com.google.auth.oauth2.GoogleCredentials");
      seen.add("google auth present");
    } catch (ClassNotFoundException e) {
      seen.add("google auth absent");
    }
    Path policy = write(dir.resolve("open.json"),
        "{\"bindings\": [{\"role\": \"roles/run.invoker\", \"members\": [\"allUsers\"]}]}");
    try (GuardRuntime runtime = GuardRuntime.start(settings(policy.toString()))) {
      seen.add("file policy: " + runtime.guard().check(AccessRequest.builder("GET", "svc.example", "/").build())
          .status());
    }
    try (GuardRuntime runtime = GuardRuntime.start(settings(SERVICE))) {
      seen.add("cloudrun with application default credentials: started");
    } catch (InvokerGuardConfigurationException e) {
      seen.add("cloudrun with application default credentials: " + e.code() + " " + e.getMessage());
    }
    try (GuardRuntime runtime = GuardRuntime.builder(settings(SERVICE))
        .apiCredentials(ApiCredentials.accessToken("token")).start()) {
      seen.add("cloudrun with given credentials: started");
    }
    GuardSettings lookups = GuardSettings.builder().policy(policy.toString()).audiences("https://svc.example")
        .jwksUri(NO_KEYS).groups("cloud-identity").build();
    try (GuardRuntime runtime = GuardRuntime.start(lookups)) {
      seen.add("cloud-identity groups with application default credentials: started");
    } catch (InvokerGuardConfigurationException e) {
      seen.add("cloud-identity groups with application default credentials: " + e.code() + " " + e.getMessage());
    }
    try (GuardRuntime runtime = GuardRuntime.builder(lookups)
        .groupApiCredentials(ApiCredentials.accessToken("token")).start()) {
      seen.add("cloud-identity groups with given credentials: started");
    }
    return seen;
  }

  private static GuardSettings settings(String policy) {
    return GuardSettings.builder().policy(policy).audiences("https://svc.example").jwksUri(NO_KEYS).build();
  }

  private static Path write(Path file, String content) {
    try {
      return Files.writeString(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
