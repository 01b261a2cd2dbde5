package dev.invokerguard.policy.source;

import static dev.invokerguard.policy.source.SourceFixtures.T0;
import static dev.invokerguard.policy.source.SourceFixtures.allows;
import static dev.invokerguard.policy.source.SourceFixtures.invokerPolicy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invokerguard.testing.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** File and class path policies, reload on change, and the location parser. */
class FilePolicySourceTest {
  @TempDir Path dir;
  final MutableClock clock = MutableClock.at(T0);
  final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
  final List<ReloadingPolicySource> opened = new ArrayList<>();

  @AfterEach
  void close() {
    opened.forEach(ReloadingPolicySource::close);
    executor.shutdownNow();
  }

  ReloadingPolicySource open(String locations, Duration interval) {
    ReloadingPolicySource source = PolicySources.open(locations, PolicySourceOptions.builder().clock(clock)
        .executor(executor).fileInterval(interval).build());
    opened.add(source);
    return source;
  }

  Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }

  @Test
  void refreshWhenFileEditedThenNewPolicyServed() throws IOException {
    Path file = write("policy.json", invokerPolicy("user:alice@example.com", "e1"));
    ReloadingPolicySource source = open(file.toString(), Duration.ofHours(1));
    String firstEtag = source.status().etag();
    write("policy.json", invokerPolicy("user:bob@example.com", "e1"));

    assertThat(source.refresh()).isTrue();
    assertThat(allows(source, "alice@example.com")).as("changed since the previous check: not yet").isTrue();
    assertThat(source.refresh()).isTrue();

    assertThat(allows(source, "bob@example.com")).isTrue();
    assertThat(allows(source, "alice@example.com")).isFalse();
    assertThat(source.status().etag()).startsWith("sha256:").isNotEqualTo(firstEtag);
    assertThat(source.status().reloads()).isEqualTo(2);
  }

  @Test
  void refreshWhenFileHalfWrittenThenNeverServedAndWholeFileServedOnceStable() throws IOException {
    String whole = """
        bindings:
        - role: roles/run.invoker
          members: [user:alice@example.com]
        - role: roles/run.invoker
          members: [allUsers]
          condition:
            title: public pages
            expression: request.path.startsWith("/public/")
        """;
    Path file = write("policy.yaml", invokerPolicy("user:alice@example.com", "e1"));
    ReloadingPolicySource source = open(file.toString(), Duration.ofHours(1));
    // the writer has written the first two bindings and not yet the condition: as it stands, the file
    // opens every path to allUsers
    write("policy.yaml", whole.substring(0, whole.indexOf("  condition:")));

    assertThat(source.refresh()).isTrue();
    assertThat(anonymousAllowed(source, "/private/x")).isFalse();
    write("policy.yaml", whole);
    assertThat(source.refresh()).isTrue();
    assertThat(anonymousAllowed(source, "/private/x")).isFalse();
    assertThat(source.refresh()).isTrue();

    assertThat(anonymousAllowed(source, "/public/x")).isTrue();
    assertThat(anonymousAllowed(source, "/private/x")).isFalse();
    assertThat(source.status().reloads()).isEqualTo(2);
    assertThat(source.status().failures()).isZero();
  }

  @Test
  void fetchWhenFileGrowsDuringTheReadThenNotReadyAndReadWhenStable() throws IOException {
    Path file = write("policy.json", invokerPolicy("user:alice@example.com", "e1"));
    boolean[] writing = {false};
    FileFetcher fetcher = new FileFetcher(file, () -> {
      if (writing[0]) {
        try {
          Files.writeString(file, " ", java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }
    });
    assertThat(fetcher.fetch().text().content()).contains("alice");
    writing[0] = true;

    assertThatThrownBy(fetcher::fetch).isInstanceOf(DocumentFetcher.NotReady.class)
        .hasMessageContaining("changed while it was read");
    writing[0] = false;
    assertThatThrownBy(fetcher::fetch).isInstanceOf(DocumentFetcher.NotReady.class)
        .hasMessageContaining("changed since the previous check");
    assertThat(fetcher.fetch().text().content()).endsWith(" ");
  }

  private static boolean anonymousAllowed(ReloadingPolicySource source, String path) {
    return source.current().orElseThrow().evaluator().evaluate(dev.invokerguard.identity.Caller.ANONYMOUS,
        new dev.invokerguard.policy.RequestAttributes("svc.example.com", path, T0)).allowed();
  }

  @Test
  void refreshWhenFileUnchangedThenNotReloaded() throws IOException {
    Path file = write("policy.json", invokerPolicy("user:alice@example.com", "e1"));
    ReloadingPolicySource source = open(file.toString(), Duration.ofHours(1));

    assertThat(source.refresh()).isTrue();

    assertThat(source.status().reloads()).isEqualTo(1);
  }

  @Test
  void refreshWhenFileBecomesMalformedThenLastGoodKept() throws IOException {
    Path file = write("policy.json", invokerPolicy("user:alice@example.com", "e1"));
    ReloadingPolicySource source = open(file.toString(), Duration.ofHours(1));
    write("policy.json", "{\"bindings\": [");

    assertThat(source.refresh()).isTrue();
    assertThat(source.refresh()).isFalse();

    assertThat(allows(source, "alice@example.com")).isTrue();
    assertThat(source.status().lastFailure()).contains("SYNTAX_ERROR");
    assertThat(source.status().failures()).isEqualTo(1);
  }

  @Test
  void refreshWhenFileDeletedThenLastGoodKept() throws IOException {
    Path file = write("policy.json", invokerPolicy("user:alice@example.com", "e1"));
    ReloadingPolicySource source = open(file.toString(), Duration.ofHours(1));
    Files.delete(file);

    assertThat(source.refresh()).isFalse();

    assertThat(allows(source, "alice@example.com")).isTrue();
    assertThat(source.status().lastFailure()).contains("NoSuchFileException");
  }

  @Test
  void openWhenIntervalElapsesThenEditPickedUpInBackground() throws Exception {
    Path file = write("policy.json", invokerPolicy("user:alice@example.com", "e1"));
    ReloadingPolicySource source = open(file.toString(), Duration.ofMillis(20));
    write("policy.json", invokerPolicy("user:bob@example.com", "e1"));

    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!allows(source, "bob@example.com") && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }

    assertThat(allows(source, "bob@example.com")).isTrue();
    assertThat(source.pollInterval()).contains(Duration.ofMillis(20));
  }

  @Test
  void openWhenFileMissingAtStartThenNoPolicyUntilItAppears() throws IOException {
    Path file = dir.resolve("later.json");
    ReloadingPolicySource source = open(file.toString(), Duration.ofHours(1));
    assertThat(source.current()).isEmpty();
    write("later.json", invokerPolicy("user:alice@example.com", "e1"));

    assertThat(source.refresh()).isTrue();
    assertThat(source.current()).as("it appeared since the previous check: not yet").isEmpty();
    assertThat(source.refresh()).isTrue();

    assertThat(allows(source, "alice@example.com")).isTrue();
  }

  @Test
  void openWhenClasspathYamlThenLoadedOnceWithoutPolling() {
    ReloadingPolicySource source = open("classpath:sources/alice.yaml", Duration.ofHours(1));

    assertThat(allows(source, "alice@example.com")).isTrue();
    assertThat(source.status().etag()).startsWith("sha256:");
    assertThat(source.pollInterval()).isEmpty();
  }

  @Test
  void openWhenClasspathResourceMissingThenNotFound() {
    assertThatThrownBy(() -> open("classpath:sources/none.json", Duration.ofHours(1)))
        .isInstanceOfSatisfying(PolicySourceException.class,
            e -> assertThat(e.code()).isEqualTo(PolicySourceErrorCode.NOT_FOUND));
  }

  @Test
  void openWhenClasspathMalformedThenInitialLoadFailed() {
    assertThatThrownBy(() -> open("classpath:sources/malformed.json", Duration.ofHours(1)))
        .isInstanceOfSatisfying(PolicySourceException.class, e -> {
          assertThat(e.code()).isEqualTo(PolicySourceErrorCode.INITIAL_LOAD_FAILED);
          assertThat(e.getMessage()).contains("UNKNOWN_MEMBER_PREFIX");
        });
  }

  @Test
  void openWhenTwoLocationsThenFirstIsProjectLayerAndLastServiceLayer() throws IOException {
    Path project = write("project.json", invokerPolicy("allUsers", "p"));
    Path service = write("service.json", invokerPolicy("allUsers", "s"));

    ReloadingPolicySource allUsersInProject = open(project + "," + service, Duration.ofHours(1));
    ReloadingPolicySource serviceOnly = open(service.toString(), Duration.ofHours(1));

    assertThat(allUsersInProject.current()).isEmpty();
    assertThat(allUsersInProject.status().lastFailure()).contains("PUBLIC_MEMBER_IN_PROJECT_LAYER");
    assertThat(serviceOnly.current()).isPresent();
  }

  @Test
  void openWhenProjectAndServiceFilesThenUnionOfBoth() throws IOException {
    Path project = write("project.json", invokerPolicy("user:bob@example.com", "p"));
    Path service = write("service.yaml", "bindings:\n- role: roles/run.invoker\n  members: [user:alice@example.com]\n");

    ReloadingPolicySource source = open(" " + project + " , " + service, Duration.ofHours(1));

    assertThat(allows(source, "alice@example.com")).isTrue();
    assertThat(allows(source, "bob@example.com")).isTrue();
  }

  @Test
  void openWhenLocationMalformedThenInvalidLocation() {
    for (String location : List.of("https://example.com/policy.json", "cloudrun://projects/p/services/s",
        "cloudrun://projects/p/locations/l/services/s,file.json", "a.json,cloudrun://projects/p")) {
      assertThatThrownBy(() -> open(location, Duration.ofHours(1)))
          .as(location)
          .isInstanceOfSatisfying(PolicySourceException.class,
              e -> assertThat(e.code()).isEqualTo(PolicySourceErrorCode.INVALID_LOCATION));
    }
  }

  @Test
  void openWhenLocationEmptyThenMissingLocation() {
    for (String location : List.of("", " ", "a.json,")) {
      assertThatThrownBy(() -> open(location, Duration.ofHours(1)))
          .isInstanceOfSatisfying(PolicySourceException.class,
              e -> assertThat(e.code()).isEqualTo(PolicySourceErrorCode.MISSING_LOCATION));
    }
  }
}
