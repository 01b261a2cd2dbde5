package dev.invokerguard.policy.source;

import static dev.invokerguard.policy.source.SourceFixtures.T0;
import static dev.invokerguard.policy.source.SourceFixtures.allows;
import static dev.invokerguard.policy.source.SourceFixtures.invokerPolicy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.invokerguard.policy.PolicyLayer;
import dev.invokerguard.policy.PolicyLoader;
import dev.invokerguard.policy.PolicyText;
import dev.invokerguard.testing.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** An Error while a policy loads is a failed poll: counted, shown in the status, and polling goes on. */
class ReloadingPolicySourceErrorTest {
  private static final String ALICE_AND_BOB = """
      {"bindings": [{"role": "roles/run.invoker",
                     "members": ["user:alice@example.com", "user:bob@example.com"]}]}""";
  private static final String ALICE_ONLY = invokerPolicy("user:alice@example.com", "revoked-bob");

  @TempDir Path dir;
  final MutableClock clock = MutableClock.at(T0);
  final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void stop() {
    executor.shutdownNow();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"StackOverflowError", "OutOfMemoryError"})
  void pollWhenLoadThrowsAnErrorThenCountedShownAndALaterRevocationIsApplied(String kind) throws Exception {
    AtomicReference<Object> next = new AtomicReference<>(PolicyText.json("policy.json", ALICE_AND_BOB));
    DocumentFetcher fetcher = () -> {
      Object outcome = next.get();
      if (outcome instanceof Error error) {
        throw error;
      }
      PolicyText text = (PolicyText) outcome;
      return new DocumentFetcher.Fetched(text, DocumentFetcher.contentEtag(text.content()));
    };
    try (ReloadingPolicySource source = new ReloadingPolicySource("policy.json",
        List.of(new ReloadingPolicySource.LayerSpec("policy.json", PolicyLayer.SERVICE, fetcher,
            Duration.ofMillis(10))),
        PolicyLoader.defaults(), List.of(),
        PolicySourceOptions.builder().clock(clock).executor(executor).build()).start()) {
      assertThat(allows(source, "bob@example.com")).isTrue();

      next.set(kind.equals("StackOverflowError") ? new StackOverflowError() : new OutOfMemoryError("Java heap space"));
      await(() -> source.status().failures() >= 3);
      assertThat(source.status().lastFailure()).contains(kind);
      assertThat(source.status().consecutiveFailures()).isGreaterThanOrEqualTo(3);
      assertThat(allows(source, "bob@example.com")).as("the last good policy is kept").isTrue();

      next.set(PolicyText.json("policy.json", ALICE_ONLY));
      await(() -> !allows(source, "bob@example.com"));

      assertThat(allows(source, "alice@example.com")).isTrue();
      assertThat(source.status().consecutiveFailures()).isZero();
    }
  }

  @Test
  void refreshWhenReloadedPolicyHasRegexNested20000DeepThenLoadErrorWithLocationAndRevocationApplied()
      throws IOException {
    Path file = Files.writeString(dir.resolve("policy.json"), ALICE_AND_BOB);
    try (ReloadingPolicySource source = PolicySources.open(file.toString(), PolicySourceOptions.builder()
        .clock(clock).executor(executor).fileInterval(Duration.ofHours(1)).build())) {
      String deep = "(".repeat(20_000) + "a" + ")".repeat(20_000);
      Files.writeString(file, """
          {"bindings": [{"role": "roles/run.invoker", "members": ["allUsers"],
                         "condition": {"title": "deep", "expression": "request.path.matches('%s')"}}]}"""
          .formatted(deep));

      source.refresh();
      assertThat(source.refresh()).isFalse();
      assertThat(source.status().lastFailure()).contains("CONDITION_INVALID")
          .contains("bindings[0].condition.expression").doesNotContain("StackOverflowError");
      Files.writeString(file, ALICE_ONLY);
      source.refresh();
      assertThat(source.refresh()).isTrue();

      assertThat(allows(source, "bob@example.com")).isFalse();
      assertThat(allows(source, "alice@example.com")).isTrue();
      assertThat(source.status().failures()).isEqualTo(1);
    }
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not reached within 10 s");
      }
      Thread.sleep(5);
    }
  }
}
