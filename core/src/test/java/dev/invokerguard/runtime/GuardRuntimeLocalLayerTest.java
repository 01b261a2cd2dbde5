package dev.invokerguard.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invokerguard.ConfigurationErrorCode;
import dev.invokerguard.Decision;
import dev.invokerguard.Explanation;
import dev.invokerguard.InvokerGuardConfigurationException;
import dev.invokerguard.policy.PolicyLoadException;
import dev.invokerguard.request.AccessRequest;
import dev.invokerguard.testing.TestIssuer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The application's local layer ({@code local-policy}, {@code public-paths}) beside the service's policy. */
class GuardRuntimeLocalLayerTest {
  private static final String AUDIENCE = "https://svc.example";
  private static final String ALICE_POLICY = """
      {"bindings": [{"role": "roles/run.invoker", "members": ["user:alice@example.com"]}]}""";
  private static TestIssuer issuer;

  @TempDir Path dir;

  @BeforeAll
  static void startIssuer() {
    issuer = TestIssuer.start();
  }

  @AfterAll
  static void stopIssuer() {
    issuer.close();
  }

  private GuardSettings.Builder settings(Path policy) {
    return GuardSettings.builder().policy(policy.toString()).audiences(AUDIENCE).jwksUri(issuer.jwksUri());
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }

  private static AccessRequest get(String path, String token) {
    AccessRequest.Builder request = AccessRequest.builder("GET", "svc.example", path);
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return request.build();
  }

  private static String alice() {
    return issuer.user("alice@example.com").audience(AUDIENCE).sign();
  }

  @Test
  void startWhenPublicPathsThenOpenToAnonymousAndOtherPathsFollowTheServicePolicy() throws IOException {
    try (GuardRuntime runtime = GuardRuntime.start(settings(write("service.json", ALICE_POLICY))
        .publicPaths("/public/", "/healthz").build())) {
      Decision open = runtime.guard().check(get("/healthz", null));
      assertThat(open.allowed()).isTrue();
      assertThat(open.principal()).isEqualTo("allUsers");
      assertThat(runtime.guard().check(get("/public/a.css", null)).allowed()).isTrue();
      assertThat(runtime.guard().check(get("/private", null)).status()).isEqualTo(401);
      assertThat(runtime.guard().check(get("/private", alice())).principal()).isEqualTo("user:alice@example.com");
      Explanation explanation = runtime.guard().explain(get("/public/a.css", null));
      assertThat(explanation.text()).contains("LOCAL invokerguard.public-paths bindings[0]");
    }
  }

  @Test
  void startWhenLocalPolicyFileThenItsConditionalPublicGrantsJoinTheServicePolicy() throws IOException {
    Path local = write("local.yaml", """
        bindings:
        - role: roles/run.invoker
          members: [allUsers]
          condition: {title: docs, expression: "request.path.startsWith('/docs/')"}
        - role: roles/run.invoker
          members: [allAuthenticatedUsers]
          condition: {title: api, expression: "request.path.startsWith('/api/')"}
        """);
    try (GuardRuntime runtime = GuardRuntime.start(settings(write("service.json", ALICE_POLICY))
        .localPolicy(local.toString()).build())) {
      assertThat(runtime.guard().check(get("/docs/x", null)).allowed()).isTrue();
      assertThat(runtime.guard().check(get("/api/x", issuer.user("bob@example.com").audience(AUDIENCE).sign()))
          .allowed()).isTrue();
      assertThat(runtime.guard().check(get("/api/x", null)).status()).isEqualTo(401);
      assertThat(runtime.guard().check(get("/x", alice())).allowed()).isTrue();
      assertThat(runtime.policyStatus().locations()).endsWith("," + local);
    }
  }

  @Test
  void startWhenLocalPolicyDoesNotLoadThenStartFailsListingItsProblems() throws IOException {
    Path local = write("local.json", """
        {"bindings": [{"role": "roles/run.invoker", "members": ["usr:x"]}]}""");

    assertThatThrownBy(() -> GuardRuntime.start(settings(write("service.json", ALICE_POLICY))
        .localPolicy(local.toString()).build()))
        .isInstanceOfSatisfying(InvokerGuardConfigurationException.class,
            e -> assertThat(e.code()).isEqualTo(ConfigurationErrorCode.POLICY_DOES_NOT_LOAD))
        .hasMessageContaining("local.json").hasCauseInstanceOf(PolicyLoadException.class);
  }

  @Test
  void startWhenServicePolicyOpenToAllUsersThenHealthWarnsAndStatusStaysUp() throws Exception {
    Path open = write("service.json", """
        {"bindings": [{"role": "roles/run.invoker", "members": ["allUsers"]}]}""");
    try (GuardRuntime runtime = GuardRuntime.start(settings(open).publicPaths("/public/").build())) {
      assertThat(runtime.guard().check(get("/private", null)).allowed()).isTrue();
      assertThat(runtime.keysPrefetched().toCompletableFuture().get(10, TimeUnit.SECONDS)).isTrue();
      GuardHealth health = runtime.health();
      assertThat(health.warnings()).singleElement().asString()
          .contains("service.json", "bindings[0]", "allUsers", "--no-invoker-iam-check");
      assertThat(health.status()).isNotEqualTo(GuardHealth.Status.DOWN);
    }
  }

  @Test
  void startWhenServicePolicyHasNoOpenBindingThenNoWarning() throws IOException {
    try (GuardRuntime runtime = GuardRuntime.start(settings(write("service.json", ALICE_POLICY))
        .publicPaths("/").build())) {
      assertThat(runtime.health().warnings()).isEmpty();
    }
  }

  @Test
  void startWhenPermissionNotCarriedByInvokerRoleThenPublicPathsRefused() throws IOException {
    Path service = write("service.json", ALICE_POLICY);

    assertThatThrownBy(() -> GuardRuntime.start(settings(service).permission("run.services.get")
        .publicPaths("/public/").build()))
        .isInstanceOf(InvokerGuardConfigurationException.class)
        .hasMessageContaining("invokerguard.public-paths (INVOKERGUARD_PUBLIC_PATHS)")
        .hasMessageContaining("run.services.get");
  }

  @Test
  void fromEnvironmentWhenPublicPathsAndLocalPolicyThenParsedAndValidated() {
    GuardSettings settings = GuardSettings.fromEnvironment(java.util.Map.of("INVOKERGUARD_POLICY", "p.json",
        "INVOKERGUARD_AUDIENCES", AUDIENCE, "INVOKERGUARD_PUBLIC_PATHS", "/public/, /healthz",
        "INVOKERGUARD_LOCAL_POLICY", "classpath:local.yaml"));

    assertThat(settings.publicPaths()).containsExactly("/public/", "/healthz");
    assertThat(settings.localPolicy()).isEqualTo("classpath:local.yaml");
    for (String bad : new String[] {"public/", "/a/*", "/a/../b", "/a,,/b"}) {
      assertThatThrownBy(() -> GuardSettings.fromEnvironment(java.util.Map.of("INVOKERGUARD_POLICY", "p.json",
          "INVOKERGUARD_AUDIENCES", AUDIENCE, "INVOKERGUARD_PUBLIC_PATHS", bad)))
          .as(bad).isInstanceOf(InvokerGuardConfigurationException.class)
          .hasMessageContaining("(INVOKERGUARD_PUBLIC_PATHS)");
    }
    assertThatThrownBy(() -> GuardSettings.builder().policy("p.json").audiences(AUDIENCE)
        .localPolicy("cloudrun://projects/p/locations/l/services/s").build())
        .hasMessageContaining("(INVOKERGUARD_LOCAL_POLICY)");
  }
}
