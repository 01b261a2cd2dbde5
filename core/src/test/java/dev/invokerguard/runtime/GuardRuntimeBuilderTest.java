package dev.invokerguard.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invokerguard.ConfigurationErrorCode;
import dev.invokerguard.Decision;
import dev.invokerguard.DecisionEvent;
import dev.invokerguard.InvokerGuardConfigurationException;
import dev.invokerguard.policy.PolicyLayer;
import dev.invokerguard.policy.PolicyText;
import dev.invokerguard.policy.source.PolicyDocument;
import dev.invokerguard.policy.source.PolicySnapshot;
import dev.invokerguard.policy.source.PolicySource;
import dev.invokerguard.policy.source.PolicySourceOptions;
import dev.invokerguard.policy.source.PolicySources;
import dev.invokerguard.request.AccessRequest;
import dev.invokerguard.runtime.GuardHealth.Status;
import dev.invokerguard.testing.MutableClock;
import dev.invokerguard.testing.TestIssuer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hooks of {@link GuardRuntime#builder}: listeners, group resolver, clock, executor, verifier customizer,
 * policy source.
 */
class GuardRuntimeBuilderTest {
  private static final String AUDIENCE = "https://svc.example";
  private static final Instant START = Instant.parse("2019-06-01T12:00:00Z");
  private static final MutableClock CLOCK = MutableClock.at(START);
  private static TestIssuer issuer;
  private static TestIssuer pastIssuer;

  @TempDir Path dir;

  @BeforeAll
  static void startIssuer() throws Exception {
    issuer = TestIssuer.start();
    pastIssuer = TestIssuer.start(CLOCK);
    warmUp(issuer);
    warmUp(pastIssuer);
  }

  /** One request to a key endpoint, so that a slow first answer does not time out the guard's prefetch. */
  private static void warmUp(TestIssuer keys) throws Exception {
    java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(keys.jwksUri()).build(),
        java.net.http.HttpResponse.BodyHandlers.discarding());
  }

  @AfterAll
  static void stopIssuer() {
    issuer.close();
    pastIssuer.close();
  }

  private GuardSettings.Builder settings(String policyJson) throws IOException {
    Path policy = Files.writeString(dir.resolve("policy.json"), policyJson);
    return GuardSettings.builder().policy(policy.toString()).audiences(AUDIENCE).jwksUri(issuer.jwksUri());
  }

  private static String grant(String member) {
    return "{\"bindings\": [{\"role\": \"roles/run.invoker\", \"members\": [\"" + member + "\"]}]}";
  }

  private static Decision get(GuardRuntime runtime, String email) {
    return runtime.guard().check(AccessRequest.builder("GET", "svc.example", "/")
        .header("Authorization", "Bearer " + issuer.user(email).audience(AUDIENCE).sign()).build());
  }

  @Test
  void listenerWhenAddedThenToldOfEveryDecision() throws IOException {
    List<DecisionEvent> events = new CopyOnWriteArrayList<>();
    try (GuardRuntime runtime = GuardRuntime.builder(settings(grant("user:alice@example.com")).build())
        .listener(events::add).start()) {
      get(runtime, "alice@example.com");
      get(runtime, "bob@example.com");
    }

    assertThat(events).extracting(e -> e.decision().status()).containsExactly(200, 403);
  }

  @Test
  void groupResolverWhenGivenThenItsGroupsMatchGroupMembers() throws IOException {
    try (GuardRuntime runtime = GuardRuntime.builder(settings(grant("group:ops@example.com")).build())
        .groupResolver(caller -> caller.principal().equals("user:alice@example.com")
            ? Set.of("ops@example.com") : Set.of())
        .start()) {
      assertThat(get(runtime, "alice@example.com").allowed()).isTrue();
      assertThat(get(runtime, "bob@example.com").status()).isEqualTo(403);
    }
  }

  @Test
  void groupResolverWhenGroupsSettingIsAlsoSetThenStartFailsNamingTheSetting() throws IOException {
    Path groups = Files.writeString(dir.resolve("groups.json"), "{\"ops@example.com\": [\"alice@example.com\"]}");
    GuardRuntime.Builder builder = GuardRuntime.builder(settings(grant("group:ops@example.com"))
        .groups(groups.toString()).build()).groupResolver(caller -> Set.of());

    assertThatThrownBy(builder::start).isInstanceOfSatisfying(InvokerGuardConfigurationException.class, e -> {
      assertThat(e.code()).isEqualTo(ConfigurationErrorCode.INVALID_SETTING);
      assertThat(e.getMessage()).contains("INVOKERGUARD_GROUPS", "GroupResolver");
    });
  }

  @Test
  void clockWhenGivenThenTokensAndConditionsAreJudgedAtItsTime() throws IOException {
    String beforeNoon = """
        {"bindings": [{"role": "roles/run.invoker", "members": ["user:alice@example.com"],
          "condition": {"title": "morning", "expression": "request.time < timestamp(\\"2019-06-01T13:00:00Z\\")"}}]}""";
    try (GuardRuntime runtime = GuardRuntime.builder(settings(beforeNoon).jwksUri(pastIssuer.jwksUri()).build())
        .clock(CLOCK).start()) {
      Decision decision = runtime.guard().check(AccessRequest.builder("GET", "svc.example", "/").header(
          "Authorization", "Bearer " + pastIssuer.user("alice@example.com").audience(AUDIENCE).sign()).build());

      assertThat(decision.allowed()).isTrue();
    }
  }

  @Test
  void executorWhenGivenThenPollsRunOnItAndCloseLeavesItRunning() throws Exception {
    ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1);
    executor.setRemoveOnCancelPolicy(true);
    try {
      GuardSettings settings = settings(grant("user:alice@example.com"))
          .policyRefreshInterval(Duration.ofMillis(20)).build();
      GuardRuntime runtime = GuardRuntime.builder(settings).executor(executor).start();
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (executor.getCompletedTaskCount() < 2 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertThat(executor.getCompletedTaskCount()).isGreaterThanOrEqualTo(2);

      runtime.close();

      assertThat(executor.isShutdown()).isFalse();
      assertThat(executor.getQueue()).isEmpty();
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  void closeWhenNoExecutorGivenThenTheThreadsItStartedStop() throws Exception {
    GuardRuntime runtime = GuardRuntime.builder(settings(grant("user:alice@example.com"))
        .policyRefreshInterval(Duration.ofMillis(20)).build()).start();
    Thread.sleep(60);
    assertThat(runtimeThreads()).isNotEmpty();

    runtime.close();

    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!runtimeThreads().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(runtimeThreads()).isEmpty();
  }

  private static List<Thread> runtimeThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("invokerguard-runtime-") && t.isAlive()).toList();
  }

  @Test
  void verifierCustomizerWhenItChangesTheBuilderThenTheVerifierHasTheChange() throws IOException {
    try (GuardRuntime runtime = GuardRuntime.builder(settings(grant("user:alice@example.com")).build())
        .verifierCustomizer(builder -> builder.maxTokenLength(300)).start()) {
      assertThat(get(runtime, "alice@example.com").status()).isEqualTo(401);
    }
  }

  @Test
  void verifierCustomizerWhenItBreaksTheVerifierThenStartFailsWithTheConfigurationException()
      throws IOException {
    GuardRuntime.Builder builder = GuardRuntime.builder(settings(grant("user:alice@example.com")).build())
        .verifierCustomizer(b -> b.maxTokenLength(1));

    assertThatThrownBy(builder::start).isInstanceOfSatisfying(InvokerGuardConfigurationException.class,
        e -> assertThat(e.getMessage()).contains("max token length"));
  }

  private static GuardSettings.Builder settingsWithoutPolicy() {
    return GuardSettings.builder().audiences(AUDIENCE).jwksUri(issuer.jwksUri());
  }

  private static PolicySnapshot snapshotGranting(String member) {
    String json = "{\"etag\": \"" + member.hashCode() + "\", \"bindings\": [{\"role\": \"roles/run.invoker\","
        + " \"members\": [\"" + member + "\"]}]}";
    return PolicySources.load(List.of(new PolicyDocument(PolicyText.json("in-memory", json), PolicyLayer.SERVICE)),
        PolicySourceOptions.defaults()).current().orElseThrow();
  }

  @Test
  void policySourceWhenGivenWithoutPolicySettingThenDecisionsFollowItAndItsReplacements() {
    AtomicReference<PolicySnapshot> served = new AtomicReference<>(snapshotGranting("user:alice@example.com"));
    PolicySource source = () -> Optional.ofNullable(served.get());

    try (GuardRuntime runtime = GuardRuntime.builder(settingsWithoutPolicy().build()).policySource(source).start()) {
      assertThat(get(runtime, "alice@example.com").status()).isEqualTo(200);
      assertThat(get(runtime, "bob@example.com").status()).isEqualTo(403);
      assertThat(runtime.policyStatus().etag()).isEqualTo(served.get().etag());
      assertThat(runtime.health().status()).isEqualTo(Status.UP);

      served.set(snapshotGranting("user:bob@example.com"));

      assertThat(get(runtime, "bob@example.com").status()).isEqualTo(200);
      assertThat(get(runtime, "alice@example.com").status()).isEqualTo(403);
      assertThat(runtime.policyStatus().etag()).isEqualTo(served.get().etag());
    }
  }

  @Test
  void policySourceWhenEmptyThen503AndHealthDown() {
    try (GuardRuntime runtime = GuardRuntime.builder(settingsWithoutPolicy().build())
        .policySource(Optional::empty).start()) {
      assertThat(get(runtime, "alice@example.com").status()).isEqualTo(503);
      assertThat(runtime.policyStatus().loaded()).isFalse();
      assertThat(runtime.health().status()).isEqualTo(Status.DOWN);
    }
  }

  @Test
  void policySourceWhenPolicySettingAlsoSetThenRefused() {
    GuardSettings settings = settingsWithoutPolicy().policy("p.json").build();
    PolicySource source = PolicySource.fixed(snapshotGranting("allUsers"));

    assertThatThrownBy(() -> GuardRuntime.builder(settings).policySource(source).start())
        .isInstanceOfSatisfying(InvokerGuardConfigurationException.class,
            e -> assertThat(e.code()).isEqualTo(ConfigurationErrorCode.INVALID_SETTING))
        .hasMessageContaining("invokerguard.policy (INVOKERGUARD_POLICY) is set and a PolicySource is given");
  }

  @Test
  void policySourceWhenASettingOfPolicyLoadingIsSetThenRefusedNamingIt() {
    GuardSettings settings = settingsWithoutPolicy().policyRefreshInterval(Duration.ofSeconds(5)).build();
    PolicySource source = PolicySource.fixed(snapshotGranting("allUsers"));

    assertThatThrownBy(() -> GuardRuntime.builder(settings).policySource(source).start())
        .isInstanceOf(InvokerGuardConfigurationException.class)
        .hasMessageContaining("invokerguard.policy-refresh-interval")
        .hasMessageContaining("a PolicySource is given instead");
  }

  @Test
  void policySourceWhenPermissionIsNotTheDefaultThenRefusedNamingIt() {
    GuardSettings settings = settingsWithoutPolicy().permission("custom.routes.call").build();
    PolicySource source = PolicySource.fixed(snapshotGranting("allUsers"));

    assertThatThrownBy(() -> GuardRuntime.builder(settings).policySource(source).start())
        .isInstanceOf(InvokerGuardConfigurationException.class)
        .hasMessageContaining("invokerguard.permission (INVOKERGUARD_PERMISSION) shapes how");
  }
}
