package dev.invokerguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.invokerguard.cli.CliProcess.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code explain} repeats the policies' load warnings and says what the trace alone cannot. */
class ExplainPolicyNotesIT {
  private static final String UNDEFINED = "custom role \"projects/p/roles/caller\" is not defined in the custom"
      + " roles: it grants nothing";

  @TempDir Path home;

  private Path policy() throws Exception {
    return Files.writeString(home.resolve("policy.json"), """
        {"bindings": [
          {"role": "projects/p/roles/caller", "members": ["user:alice@example.com"]},
          {"role": "roles/run.invoker", "members": ["user:alice@example.com", "deleted:user:old@example.com?uid=1"]}
        ]}""");
  }

  @Test
  void explainWhenCustomRoleUndefinedThenBindingSaysWhatLintSays() throws Exception {
    Run lint = CliProcess.run(home, "lint", policy().toString());
    Run explain = CliProcess.run(home, "explain", "--policy", policy().toString(), "--member",
        "user:alice@example.com", "--path", "/");

    assertThat(lint.out()).contains(UNDEFINED);
    assertThat(explain.exit()).isZero();
    assertThat(explain.out()).contains("bindings[0] projects/p/roles/caller [user:alice@example.com] no: "
        + UNDEFINED + " (--custom-roles FILE defines it)");
  }

  @Test
  void explainWhenPolicyHasWarningsThenRepeatsEachAsLintPrintsIt() throws Exception {
    Run lint = CliProcess.run(home, "lint", policy().toString());
    Run explain = CliProcess.run(home, "explain", "--policy", policy().toString(), "--member",
        "user:alice@example.com", "--path", "/");

    assertThat(lint.out()).contains("WARNING DELETED_MEMBER");
    for (String line : lint.out().lines().filter(l -> l.startsWith("  WARNING")).toList()) {
      assertThat(explain.out()).contains("  policy " + line.strip());
    }
  }

  @Test
  void explainWhenJsonThenWarningsListed() throws Exception {
    Run run = CliProcess.run(home, "explain", "--policy", policy().toString(), "--member",
        "user:alice@example.com", "--path", "/", "--json");

    JsonNode warnings = new ObjectMapper().readTree(run.out()).get("policy").get("warnings");
    assertThat(warnings).hasSize(2);
    assertThat(warnings.get(0).asText()).contains("UNKNOWN_ROLE");
    JsonNode binding = new ObjectMapper().readTree(run.out()).get("trace").get("bindings").get(0);
    assertThat(binding.get("why").asText()).contains(UNDEFINED);
  }

  @Test
  void explainWhenDenyRuleNamesGroupAndNoGroupsThenSaysMembershipUnknown() throws Exception {
    Path deny = Files.writeString(home.resolve("deny.json"), """
        {"rules": [{"denyRule": {"deniedPrincipals": ["principalSet://goog/group/contractors@example.com"],
          "deniedPermissions": ["run.googleapis.com/routes.invoke"]}}]}""");

    Run without = CliProcess.run(home, "explain", "--policy", policy().toString(), "--deny", deny.toString(),
        "--member", "user:alice@example.com", "--path", "/");
    Run with = CliProcess.run(home, "explain", "--policy", policy().toString(), "--deny", deny.toString(),
        "--member", "user:alice@example.com", "--groups", "contractors@example.com", "--path", "/");

    assertThat(without.exit()).isZero();
    assertThat(without.out()).contains("rules[0] skipped: no denied principal matches user:alice@example.com;"
        + " group membership unknown: pass --groups");
    assertThat(with.exit()).isEqualTo(3);
    assertThat(with.out()).startsWith("DENY 403 DENIED_BY_RULE");
  }
}
