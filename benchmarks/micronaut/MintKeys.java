import dev.invokerguard.testing.TestIssuer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a key set and a token that it verifies, for the Micronaut benchmarks: {@code DIR/jwks.json} (a Google-shaped
 * JWK set, served to the sample by a static HTTP server) and {@code DIR/token} (a Google ID token of
 * user:alice@example.com for AUDIENCE, valid one hour). Run with the sample jar, which holds the test kit:
 * {@code java -cp samples/micronaut/target/sample-micronaut.jar benchmarks/micronaut/MintKeys.java DIR AUDIENCE}.
 */
public class MintKeys {
  public static void main(String[] args) throws Exception {
    Path dir = Files.createDirectories(Path.of(args[0]));
    try (TestIssuer issuer = TestIssuer.start()) {
      String token = issuer.user("alice@example.com").audience(args[1]).sign();
      HttpResponse<String> keys = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(issuer.jwksUri().toString())).build(),
          HttpResponse.BodyHandlers.ofString());
      Files.writeString(dir.resolve("jwks.json"), keys.body());
      Files.writeString(dir.resolve("token"), token);
    }
  }
}
