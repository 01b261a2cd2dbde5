package dev.invokerguard.policy.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invokerguard.ConfigurationErrorCode;
import dev.invokerguard.InvokerGuard;
import dev.invokerguard.InvokerGuardConfigurationException;
import dev.invokerguard.policy.PolicyLayer;
import dev.invokerguard.policy.PolicyLoadException;
import dev.invokerguard.policy.PolicyProblem;
import dev.invokerguard.policy.PolicyText;
import dev.invokerguard.runtime.GuardRuntime;
import dev.invokerguard.runtime.GuardSettings;
import dev.invokerguard.token.TokenError;
import dev.invokerguard.token.TokenVerification;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings, the guard's builder and the command read and load documents one way, each document once. */
class OnePolicyLoadPathTest {
  private static final String ALICE = """
      {"bindings": [{"role": "roles/run.invoker", "members": ["user:alice@example.com"]}]}""";
  private static final String DENY_BOB = """
      {"rules": [{"denyRule": {"deniedPrincipals": ["principal://goog/subject/bob@example.com"],
        "deniedPermissions": ["run.googleapis.com/routes.invoke"]}}]}""";
  private static final String BROKEN_MEMBER = """
      {"bindings": [{"role": "roles/run.invoker", "members": ["alice@example.com"]}]}""";
  private static final String BROKEN_CONDITION = """
      {"bindings": [{"role": "roles/run.invoker", "members": ["user:bob@example.com"],
        "condition": {"expression": "request.path.startsWith(\\"/a\\")"}}]}""";

  @TempDir Path dir;

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }

  private static GuardSettings.Builder settings(String... policy) {
    return GuardSettings.builder().policy(policy).audiences("https://svc.example")
        .jwksUri(URI.create("http://127.0.0.1:9/certs")).policyRefreshInterval(Duration.ofHours(1));
  }

  @Test
  void startWhenLocalFilesThenEachIsReadOnce() throws IOException {
    Path project = write("project.json", ALICE);
    Path service = write("service.yaml", "bindings: []\n");
    Path deny = write("deny.json", DENY_BOB);
    long before = FileFetcher.reads();

    try (GuardRuntime runtime = GuardRuntime.start(settings(project.toString(), service.toString())
        .denyPolicy(deny.toString()).build())) {
      assertThat(FileFetcher.reads() - before).isEqualTo(3);
      assertThat(runtime.policyStatus().loaded()).isTrue();
    }
  }

  @Test
  void startWhenTwoLocalLayersAreBrokenThenEveryProblemOfBothIsReported() throws IOException {
    Path project = write("project.json", BROKEN_MEMBER);
    Path service = write("service.json", BROKEN_CONDITION);

    assertThatThrownBy(() -> GuardRuntime.start(settings(project.toString(), service.toString()).build()))
        .isInstanceOfSatisfying(InvokerGuardConfigurationException.class, e -> {
          assertThat(e.code()).isEqualTo(ConfigurationErrorCode.POLICY_DOES_NOT_LOAD);
          assertThat(((PolicyLoadException) e.getCause()).errors()).extracting(PolicyProblem::source)
              .contains(project.toString(), service.toString());
        });
  }

  @Test
  void builderWhenTheSameDocumentsThenTheSameProblemsAsFromSettings() throws IOException {
    Path project = write("project.json", BROKEN_MEMBER);
    Path service = write("service.json", BROKEN_CONDITION);
    List<String> fromSettings = codes(() -> GuardRuntime.start(settings(project.toString(), service.toString())
        .build()));

    List<String> fromBuilder = codes(() -> InvokerGuard.builder()
        .verifier(token -> TokenVerification.rejected(TokenError.MALFORMED, "none"))
        .allowPolicy(PolicySources.read(project.toString()), PolicyLayer.PROJECT)
        .allowPolicy(PolicyText.json(service.toString(), BROKEN_CONDITION), PolicyLayer.SERVICE)
        .build());

    assertThat(fromBuilder).isNotEmpty().isEqualTo(fromSettings);
  }

  @Test
  void readWhenLocationFormsThenTheSameDocumentAndFormatBySuffixOrContent() throws IOException {
    Path json = write("policy", ALICE);
    Path yaml = write("policy-yaml", "bindings: []\n");

    assertThat(PolicySources.read(json.toString()).format()).isEqualTo(PolicyText.Format.JSON);
    assertThat(PolicySources.read("file:" + json).content()).isEqualTo(ALICE);
    assertThat(PolicySources.read(yaml.toString()).format()).isEqualTo(PolicyText.Format.YAML);
    assertThat(PolicySources.read("classpath:sources/alice.yaml").format()).isEqualTo(PolicyText.Format.YAML);
    assertThatThrownBy(() -> PolicySources.read("https://example.com/policy.json"))
        .isInstanceOfSatisfying(PolicySourceException.class,
            e -> assertThat(e.code()).isEqualTo(PolicySourceErrorCode.INVALID_LOCATION));
    assertThatThrownBy(() -> PolicySources.read(dir.resolve("missing.json").toString()))
        .isInstanceOfSatisfying(PolicySourceException.class,
            e -> assertThat(e.code()).isEqualTo(PolicySourceErrorCode.NOT_FOUND));
  }

  private static List<String> codes(Runnable start) {
    try {
      start.run();
    } catch (InvokerGuardConfigurationException e) {
      return codes((PolicyLoadException) e.getCause());
    } catch (PolicyLoadException e) {
      return codes(e);
    }
    throw new AssertionError("the policy loaded");
  }

  private static List<String> codes(PolicyLoadException e) {
    return e.errors().stream().map(p -> p.code() + " " + p.location()).toList();
  }
}
