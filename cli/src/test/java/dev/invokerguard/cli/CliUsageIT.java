package dev.invokerguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invokerguard.cli.CliProcess.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Help, version and exit statuses: 0 ALLOW, 3 every DENY, 1 only usage and input errors (no verdict). */
class CliUsageIT {
  private static final String SERVICE = CliProcess.policy("service.json");

  @TempDir Path home;

  @Test
  void helpWhenAskedForEachCommandThenItsOptionsAndExit0() throws Exception {
    for (String command : new String[] {"lint", "explain", "token"}) {
      Run run = CliProcess.run(home, command, "--help");

      assertThat(run.exit()).as(command).isZero();
      assertThat(run.out()).as(command).startsWith("usage: invokerguard " + command);
      assertThat(CliProcess.run(home, "help", command).out()).isEqualTo(run.out());
    }
    assertThat(CliProcess.run(home, "explain", "--help").out()).contains("--groups").contains("--hd")
        .contains("--groups-file");
  }

  @Test
  void helpWhenNoCommandThenCommandListOnStdoutAndExit0() throws Exception {
    Run run = CliProcess.run(home, "--help");

    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("lint").contains("explain").contains("token").contains("--version");
  }

  @Test
  void versionWhenAskedThenBuiltVersionAndExit0() throws Exception {
    Run run = CliProcess.run(home, "--version");

    assertThat(run.exit()).isZero();
    assertThat(run.out().strip()).matches("invokerguard \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
  }

  @Test
  void explainWhenPathLacksLeadingSlashThenUsageErrorWithoutVerdictExit1() throws Exception {
    Run run = CliProcess.run(home, "explain", "--policy", SERVICE, "--member", "user:a@example.com", "--path",
        "public/x");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).contains("--path must start with /").contains("\"public/x\"")
        .contains("usage: invokerguard explain");
  }

  @Test
  void explainWhenEveryKindOfDenyThenExit3AndAllowExit0() throws Exception {
    Run forbidden = CliProcess.run(home, "explain", "--policy", SERVICE, "--member", "user:bob@example.com",
        "--path", "/x");
    Run unauthenticated = CliProcess.run(home, "explain", "--policy", SERVICE, "--member", "allUsers",
        "--path", "/x");
    Run malformed = CliProcess.run(home, "explain", "--policy", SERVICE, "--member", "user:bob@example.com",
        "--path", "/a/%2e%2e/b");
    Run allowed = CliProcess.run(home, "explain", "--policy", SERVICE, "--member", "allUsers",
        "--path", "/public/x");

    assertThat(forbidden.exit()).isEqualTo(3);
    assertThat(forbidden.out()).startsWith("DENY 403");
    assertThat(unauthenticated.exit()).isEqualTo(3);
    assertThat(unauthenticated.out()).startsWith("DENY 401");
    assertThat(malformed.exit()).isEqualTo(3);
    assertThat(malformed.out()).startsWith("DENY 400");
    assertThat(allowed.exit()).isZero();
  }

  @Test
  void explainWhenInputErrorThenNoVerdictExit1() throws Exception {
    Path broken = Files.writeString(home.resolve("broken.json"), "{\"bindings\": [");

    Run run = CliProcess.run(home, "explain", "--policy", broken.toString(), "--member", "user:a@example.com",
        "--path", "/");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).contains("the policy does not load");
  }

  @Test
  void explainWhenMemberWithTokenOptionsThenUsageErrorExit1() throws Exception {
    Run run = CliProcess.run(home, "explain", "--policy", SERVICE, "--member", "user:a@example.com",
        "--audience", "https://a.example", "--path", "/");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("go with --token");
  }
}
