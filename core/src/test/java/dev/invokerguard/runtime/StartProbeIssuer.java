package dev.invokerguard.runtime;

import dev.invokerguard.testing.TestIssuer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * For {@link StartProbe}, in a JVM of its own: serves a test key endpoint on loopback and writes its URI
 * ({@code jwks-uri}) and two tokens for {@code https://svc.example} ({@code tokens}: alice, bob) to the folder
 * named by the first argument, then serves until stopped.
 */
public final class StartProbeIssuer {
  private StartProbeIssuer() {}

  public static void main(String[] args) throws Exception {
    TestIssuer issuer = TestIssuer.start();
    Path dir = Path.of(args[0]);
    Files.writeString(dir.resolve("tokens"), issuer.user("alice@example.com").audience(StartProbe.AUDIENCE).sign()
        + "\n" + issuer.user("bob@example.com").audience(StartProbe.AUDIENCE).sign() + "\n");
    Files.writeString(dir.resolve("jwks-uri"), issuer.jwksUri().toString());
    Thread.sleep(Long.MAX_VALUE);
  }
}
