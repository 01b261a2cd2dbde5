package dev.invokerguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invokerguard.cli.CliProcess.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lint} and {@code explain} with the application's local layer, as the SDK evaluates it. */
class LocalLayerIT {
  private static final String ALICE = """
      {"bindings": [{"role": "roles/run.invoker", "members": ["user:alice@example.com"]}]}""";

  @TempDir Path home;

  @Test
  void explainWhenPublicPathsThenGrantedByTheLocalLayer(@TempDir Path dir) throws Exception {
    Path service = Files.writeString(dir.resolve("service.json"), ALICE);

    Run open = CliProcess.run(home, "explain", "--policy", service.toString(), "--public-paths", "/public/,/healthz",
        "--member", "allUsers", "--path", "/healthz");
    Run closed = CliProcess.run(home, "explain", "--policy", service.toString(), "--public-paths", "/public/",
        "--member", "allUsers", "--path", "/private");

    assertThat(open.exit()).as(open.out() + open.err()).isZero();
    assertThat(open.out()).contains("granted by: LOCAL invokerguard.public-paths bindings[0]");
    assertThat(closed.exit()).isEqualTo(Main.DENY);
    assertThat(closed.out()).contains("LOCAL invokerguard.public-paths bindings[0]");
  }

  @Test
  void explainWhenLocalPolicyFileThenItsLayerJoinsTheService(@TempDir Path dir) throws Exception {
    Path service = Files.writeString(dir.resolve("service.json"), ALICE);
    Path local = Files.writeString(dir.resolve("local.json"), """
        {"bindings": [{"role": "roles/run.invoker", "members": ["allAuthenticatedUsers"],
          "condition": {"title": "api", "expression": "request.path.startsWith('/api/')"}}]}""");

    Run run = CliProcess.run(home, "explain", "--policy", service.toString(), "--local-policy", local.toString(),
        "--member", "user:bob@example.com,allAuthenticatedUsers", "--path", "/api/x");

    assertThat(run.exit()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).contains("granted by: LOCAL " + local);
  }

  @Test
  void lintWhenServicePolicyOpenToAllUsersThenLoudWarningAndLocalLayerListed(@TempDir Path dir) throws Exception {
    Path service = Files.writeString(dir.resolve("service.json"), """
        {"bindings": [{"role": "roles/run.invoker", "members": ["allUsers"]}]}""");

    Run run = CliProcess.run(home, "lint", service.toString(), "--public-paths", "/public/");

    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("WARNING SERVICE_OPEN_TO_ALL_USERS", "--no-invoker-iam-check")
        .contains("ok     invokerguard.public-paths (local policy)").contains("0 error(s), 1 warning(s)");
  }

  @Test
  void lintWhenPublicPathIsAPatternThenUsageError() throws Exception {
    Run run = CliProcess.run(home, "lint", "--public-paths", "/public/*");

    assertThat(run.exit()).isNotZero();
    assertThat(run.err()).contains("--public-paths", "/public/*");
  }
}
