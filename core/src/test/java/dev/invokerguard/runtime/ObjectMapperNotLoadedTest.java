package dev.invokerguard.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invokerguard.IsolatedClassLoader;
import dev.invokerguard.Decision;
import dev.invokerguard.request.AccessRequest;
import dev.invokerguard.testing.TestIssuer;
import dev.invokerguard.testing.WithTestIssuer;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A guard's start (the demo policy, in YAML), a token verification and a denial's problem body build no
 * jackson-databind {@code ObjectMapper}: the JSON and YAML are read with jackson-core's streaming parser. Each
 * case runs in a fresh class loader over the test class path; the tokens are signed outside it.
 */
@WithTestIssuer
class ObjectMapperNotLoadedTest {
  private static final String OBJECT_MAPPER = "com.fasterxml.jackson.databind.ObjectMapper";
  private static final String AUDIENCE = "https://svc.example";

  private final TestIssuer issuer;
  @TempDir Path dir;

  ObjectMapperNotLoadedTest(TestIssuer issuer) {
    this.issuer = issuer;
  }

  @Test
  void startVerifyAndDenyWhenFreshClassLoaderThenObjectMapperIsNotLoaded() throws Exception {
    try (IsolatedClassLoader loader = new IsolatedClassLoader()) {
      String statuses = loader.apply(StartInIsolation.class, arguments("no"));

      assertThat(statuses).isEqualTo("alice 200, bob 403 {\"type\":\"urn:invokerguard:problem:no-binding\","
          + "\"title\":\"Forbidden\",\"status\":403, garbage 401");
      assertThat(loader.loaded("dev.invokerguard.token.StreamingJson")).isTrue();
      assertThat(loader.loaded("com.fasterxml.jackson.dataformat.yaml.YAMLFactory")).isTrue();
      assertThat(loader.loaded(OBJECT_MAPPER)).isFalse();
    }
  }

  @Test
  void startWhenATreeIsPrintedThenTheCheckSeesObjectMapperLoaded() throws Exception {
    try (IsolatedClassLoader loader = new IsolatedClassLoader()) {
      loader.apply(StartInIsolation.class, arguments("print a tree"));

      assertThat(loader.loaded(OBJECT_MAPPER)).as("JsonNode.toString() builds a mapper").isTrue();
    }
  }

  private String[] arguments(String printTree) throws Exception {
    Path policy = dir.resolve("policy.yaml");
    try (InputStream demo = getClass().getResourceAsStream("/dev/invokerguard/testing/demo/policy.yaml")) {
      Files.write(policy, demo.readAllBytes());
    }
    return new String[] {policy.toString(), AUDIENCE, issuer.jwksUri().toString(),
        issuer.user("alice@example.com").audience(AUDIENCE).sign(),
        issuer.user("bob@example.com").audience(AUDIENCE).sign(), printTree};
  }

  /** Starts a guard in the isolated class loader and decides three requests to /private/report. */
  public static final class StartInIsolation implements Function<String[], String> {
    @Override
    public String apply(String[] a) {
      GuardSettings settings = GuardSettings.builder().policy(a[0]).audiences(a[1])
          .jwksUri(java.net.URI.create(a[2])).build();
      try (GuardRuntime runtime = GuardRuntime.start(settings)) {
        if (a[5].equals("print a tree")) {
          String ignored = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().toString();
        }
        Decision bob = check(runtime, a[4]);
        String problem = bob.problem().orElseThrow().body();
        return "alice " + check(runtime, a[3]).status() + ", bob " + bob.status() + " "
            + problem.substring(0, problem.indexOf(",\"detail\"")) + ", garbage "
            + check(runtime, "eyJhbGciOiJSUzI1NiJ9.eyJlbWFpbCI6ImFAZXhhbXBsZS5jb20ifQ.c2ln").status();
      }
    }

    private static Decision check(GuardRuntime runtime, String token) {
      return runtime.guard().check(AccessRequest.builder("GET", "svc.example", "/private/report")
          .header("Authorization", "Bearer " + token).build());
    }
  }
}
