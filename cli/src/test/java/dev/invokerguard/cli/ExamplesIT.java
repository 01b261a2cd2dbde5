package dev.invokerguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invokerguard.cli.CliProcess.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command lines of the README, {@code docs/cli.md} and {@code examples/README.md}, run from the repository root
 * against the files of {@code examples/}, with the exit status and verdict the docs state.
 */
class ExamplesIT {
  @TempDir Path scratch;

  private Run run(String... args) throws Exception {
    return CliProcess.run(CliProcess.REPOSITORY, scratch, Map.of(), args);
  }

  private static String token() throws Exception {
    return Files.readString(CliProcess.REPOSITORY.resolve("examples/token.jwt")).strip();
  }

  @Test
  void lintWhenExamplesThenClean() throws Exception {
    Run service = run("lint", "examples/policy.json");
    Run all = run("lint", "examples/project.json,examples/policy.json", "--deny", "examples/deny.json",
        "--custom-roles", "examples/roles.json");

    assertThat(service.exit()).isZero();
    assertThat(all.exit()).isZero();
    assertThat(all.out()).contains("0 error(s), 0 warning(s)");
  }

  @Test
  void explainWhenAliceOnAdminThenAllowed() throws Exception {
    Run run = run("explain", "--policy", "examples/policy.json", "--member", "user:alice@example.com",
        "--host", "hello-abc-ew.a.run.app", "--path", "/admin/users", "--method", "GET", "--time",
        "2026-03-01T10:00:00Z");

    assertThat(run.exit()).isZero();
    assertThat(run.out()).startsWith("ALLOW 200 GRANTED: GET hello-abc-ew.a.run.app/admin/users");
  }

  @Test
  void explainWhenBobWithoutGroupsThenDeniedAsJson() throws Exception {
    Run run = run("explain", "--policy", "examples/project.json,examples/policy.json", "--member",
        "user:bob@example.com", "--path", "/", "--json");

    assertThat(run.exit()).isEqualTo(3);
    assertThat(run.out()).contains("\"outcome\" : \"deny\"");
  }

  @Test
  void explainWhenExampleTokenAtItsTimeThenAllowedAsServiceAccount() throws Exception {
    Run run = run("explain", "--policy", "examples/policy.json", "--token", token(), "--audience",
        "https://example.com/path", "--jwks-file", "examples/keys.json", "--time", "2020-04-23T07:30:00Z",
        "--path", "/x");

    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("caller: serviceAccount:integration-tests@chingor-test.iam.gserviceaccount.com");
  }

  @Test
  void explainWhenExampleTokenAnHourLaterThenExpiredNextToTime() throws Exception {
    Run run = run("explain", "--policy", "examples/policy.json", "--token", token(), "--audience",
        "https://example.com/path", "--jwks-file", "examples/keys.json", "--time", "2020-04-23T09:30:00Z",
        "--path", "/x");

    assertThat(run.exit()).isEqualTo(3);
    assertThat(run.out()).startsWith("DENY 401 TOKEN_REJECTED")
        .contains("it expired at 2020-04-23T08:18:08Z, before --time 2020-04-23T09:30:00Z");
  }

  @Test
  void explainWhenBobWithGroupsFileAndCustomRolesThenAllowedThroughProjectLayer() throws Exception {
    Run run = run("explain", "--policy", "examples/project.json,examples/policy.json", "--custom-roles",
        "examples/roles.json", "--groups-file", "examples/groups.json", "--member", "user:bob@example.com",
        "--path", "/reports/q1");

    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("granted by: PROJECT examples/project.json bindings[0]"
        + " projects/my-project/roles/reportsInvoker group:analysts@example.com");
  }

  @Test
  void explainWhenCarolInOpsThenAdminAllowed() throws Exception {
    Run run = run("explain", "--policy", "examples/policy.json", "--member", "user:carol@example.com",
        "--groups", "ops@example.com", "--path", "/admin/x");

    assertThat(run.exit()).isZero();
  }

  @Test
  void explainWhenCarolWithHdOnReportsThenAllowedThroughDomain() throws Exception {
    Run run = run("explain", "--policy", "examples/policy.json", "--member", "user:carol@example.com", "--hd",
        "example.com", "--path", "/reports/q1", "--time", "2026-03-01T10:00:00Z");

    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("granted by: SERVICE examples/policy.json bindings[2] roles/run.invoker"
        + " domain:example.com");
  }

  @Test
  void explainWhenContractorWithHdThenDeniedByRule() throws Exception {
    Run run = run("explain", "--policy", "examples/policy.json", "--deny", "examples/deny.json",
        "--groups-file", "examples/groups.json", "--member", "user:erin@example.com", "--hd", "example.com",
        "--path", "/reports/q1", "--time", "2026-03-01T10:00:00Z");

    assertThat(run.exit()).isEqualTo(3);
    assertThat(run.out()).startsWith("DENY 403 DENIED_BY_RULE");
  }
}
