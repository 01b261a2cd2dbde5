package dev.invokerguard.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invokerguard.request.AccessRequest;
import dev.invokerguard.Decision;
import dev.invokerguard.ConfigurationErrorCode;
import dev.invokerguard.InvokerGuardConfigurationException;
import dev.invokerguard.policy.PolicyLoadException;
import dev.invokerguard.policy.PolicyProblemCode;
import dev.invokerguard.testing.TestIssuer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GuardRuntimeTest {
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

  private GuardSettings.Builder settings(String... policy) {
    return GuardSettings.builder().policy(policy).audiences(AUDIENCE).jwksUri(issuer.jwksUri());
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }

  private static Decision get(GuardRuntime runtime, String path, String token) {
    AccessRequest.Builder request = AccessRequest.builder("GET", "svc.example", path);
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return runtime.guard().check(request.build());
  }

  @Test
  void startWhenPolicyFileThenGrantedCallerAllowedAndOthersDenied() throws IOException {
    Path policy = write("policy", ALICE_POLICY);
    try (GuardRuntime runtime = GuardRuntime.start(settings(policy.toString()).build())) {
      assertThat(get(runtime, "/x", issuer.user("alice@example.com").audience(AUDIENCE).sign()).principal())
          .isEqualTo("user:alice@example.com");
      assertThat(get(runtime, "/x", issuer.user("bob@example.com").audience(AUDIENCE).sign()).status())
          .isEqualTo(403);
      assertThat(get(runtime, "/x", issuer.user("alice@example.com").audience("https://other").sign()).status())
          .isEqualTo(401);
    }
  }

  @Test
  void startWhenClasspathYamlThenLoaded() {
    try (GuardRuntime runtime = GuardRuntime.start(settings("classpath:policies/service-invoker.yaml").build())) {
      assertThat(get(runtime, "/", issuer.user("alice@example.com").audience(AUDIENCE).sign()).allowed()).isTrue();
    }
  }

  @Test
  void startWhenSeveralLocationsThenAllButLastAreProjectLayers() throws IOException {
    Path project = write("project.json", """
        {"bindings": [{"role": "roles/run.invoker", "members": ["allUsers"]}]}""");
    Path service = write("service.json", ALICE_POLICY);

    assertThatThrownBy(() -> GuardRuntime.start(settings(project.toString(), service.toString()).build()))
        .isInstanceOfSatisfying(InvokerGuardConfigurationException.class, e -> {
          assertThat(e.code()).isEqualTo(ConfigurationErrorCode.POLICY_DOES_NOT_LOAD);
          assertThat(((PolicyLoadException) e.getCause()).errors()).extracting(p -> p.code())
              .contains(PolicyProblemCode.PUBLIC_MEMBER_IN_PROJECT_LAYER);
        });
    GuardRuntime.start(settings(service.toString(), project.toString()).build()).close();
  }

  @Test
  void startWhenCloudRunLocationMalformedThenConfigurationErrorNamingIt() {
    assertThatThrownBy(() -> GuardRuntime.start(settings("cloudrun://projects/p/services/s").build()))
        .isInstanceOf(InvokerGuardConfigurationException.class)
        .hasMessageContaining("invokerguard.policy (INVOKERGUARD_POLICY)")
        .hasMessageContaining("cloudrun://projects/p/services/s");
  }

  @Test
  void startWhenPolicyFileMissingThenNamesSettingAndFile() {
    Path missing = dir.resolve("nope.json");
    assertThatThrownBy(() -> GuardRuntime.start(settings(missing.toString()).build()))
        .isInstanceOf(InvokerGuardConfigurationException.class)
        .hasMessageContaining("INVOKERGUARD_POLICY")
        .hasMessageContaining(missing + ", which does not exist");
  }

  @Test
  void startWhenKeyEndpointDownThenStartsAndAnswers503() throws IOException {
    Path policy = write("policy.json", ALICE_POLICY);
    try (TestIssuer down = TestIssuer.start()) {
      down.keyEndpointStatus(500);
      GuardSettings settings = GuardSettings.builder().policy(policy.toString()).audiences(AUDIENCE)
          .jwksUri(down.jwksUri()).build();
      try (GuardRuntime runtime = GuardRuntime.start(settings)) {
        Decision decision = get(runtime, "/x", down.user("alice@example.com").audience(AUDIENCE).sign());

        assertThat(decision.status()).isEqualTo(503);
        assertThat(decision.problem().orElseThrow().headers()).containsKey("Retry-After");
      }
    }
  }

  @Test
  void startWhenGroupsDocumentThenGroupMembersMatch() throws IOException {
    Path policy = write("policy.json", """
        {"bindings": [{"role": "roles/run.invoker", "members": ["group:team@example.com"]}]}""");
    Path groups = write("groups.yaml", "team@example.com:\n  - user:carol@example.com\n");
    try (GuardRuntime runtime = GuardRuntime.start(
        settings(policy.toString()).groups(groups.toString()).build())) {
      assertThat(get(runtime, "/", issuer.user("carol@example.com").audience(AUDIENCE).sign()).allowed()).isTrue();
      assertThat(get(runtime, "/", issuer.user("dave@example.com").audience(AUDIENCE).sign()).status())
          .isEqualTo(403);
    }
  }

  @Test
  void startWhenCustomRolesThenCustomRoleGrants() throws IOException {
    Path policy = write("policy.json", """
        {"bindings": [{"role": "projects/p/roles/caller", "members": ["user:alice@example.com"]}]}""");
    Path roles = write("roles.json", """
        {"name": "projects/p/roles/caller", "includedPermissions": ["run.routes.invoke"]}""");
    try (GuardRuntime runtime = GuardRuntime.start(
        settings(policy.toString()).customRoles(roles.toString()).build())) {
      assertThat(get(runtime, "/", issuer.user("alice@example.com").audience(AUDIENCE).sign()).allowed()).isTrue();
    }
  }

  @Test
  void startWhenDenyPolicyThenDenyWins() throws IOException {
    Path policy = write("policy.json", ALICE_POLICY);
    Path deny = write("deny.json", """
        {"rules": [{"denyRule": {"deniedPrincipals": ["principal://goog/subject/alice@example.com"],
          "deniedPermissions": ["run.googleapis.com/routes.invoke"]}}]}""");
    try (GuardRuntime runtime = GuardRuntime.start(
        settings(policy.toString()).denyPolicy(deny.toString()).build())) {
      assertThat(get(runtime, "/", issuer.user("alice@example.com").audience(AUDIENCE).sign()).status())
          .isEqualTo(403);
    }
  }
}
