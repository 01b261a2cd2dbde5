package dev.invokerguard.runtime;

import dev.invokerguard.Decision;
import dev.invokerguard.request.AccessRequest;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A start-up probe, not a test: in a fresh JVM, {@link GuardRuntime#start} with the policy named by the second
 * argument, keys from {@link StartProbeIssuer}'s endpoint (its folder is the first argument), the key prefetch
 * awaited, then one allowed and one denied request to {@code /private/report} (the demo policy allows alice,
 * not bob there) and the denial's problem body. Prints the process's processor time and the classes loaded.
 */
public final class StartProbe {
  static final String AUDIENCE = "https://svc.example";

  private StartProbe() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    List<String> tokens = Files.readAllLines(dir.resolve("tokens"));
    GuardSettings settings = GuardSettings.builder().policy(args[1]).audiences(AUDIENCE)
        .jwksUri(URI.create(Files.readString(dir.resolve("jwks-uri")).trim())).build();
    try (GuardRuntime runtime = GuardRuntime.start(settings)) {
      runtime.keysPrefetched().toCompletableFuture().get(30, TimeUnit.SECONDS);
      int allowed = check(runtime, tokens.get(0)).status();
      Decision denied = check(runtime, tokens.get(1));
      int bodyLength = denied.problem().orElseThrow().body().length();
      long processorMs = TimeUnit.NANOSECONDS.toMillis(((com.sun.management.OperatingSystemMXBean)
          ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime());
      System.out.println("statuses " + allowed + " " + denied.status() + " (problem " + bodyLength
          + " chars), processor ms " + processorMs + ", classes loaded "
          + ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount());
    }
  }

  private static Decision check(GuardRuntime runtime, String token) {
    return runtime.guard().check(AccessRequest.builder("GET", "svc.example", "/private/report")
        .header("Authorization", "Bearer " + token).build());
  }
}
