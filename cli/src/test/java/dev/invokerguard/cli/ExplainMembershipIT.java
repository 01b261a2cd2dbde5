package dev.invokerguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invokerguard.cli.CliProcess.Run;
import dev.invokerguard.testing.TestIssuer;
import dev.invokerguard.testing.WithTestIssuer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code explain --groups / --groups-file / --hd}: simulated group and domain membership. */
@WithTestIssuer
class ExplainMembershipIT {
  private static final String AUDIENCE = "https://svc.example";

  @TempDir Path home;

  private String policy() throws Exception {
    return Files.writeString(home.resolve("policy.json"), """
        {"bindings": [
          {"role": "roles/run.invoker", "members": ["group:ops@example.com"]},
          {"role": "roles/run.invoker", "members": ["domain:example.com"],
           "condition": {"title": "reports", "expression": "request.path.startsWith('/reports/')"}}
        ]}""").toString();
  }

  @Test
  void explainWhenGroupBindingAndNoGroupsThenSaysMembershipUnknown() throws Exception {
    Run run = CliProcess.run(home, "explain", "--policy", policy(), "--member", "user:carol@example.com",
        "--path", "/x");

    assertThat(run.exit()).isEqualTo(3);
    assertThat(run.out()).contains("bindings[0] roles/run.invoker [group:ops@example.com] no: no member matches"
        + " user:carol@example.com; group membership unknown: pass --groups");
  }

  @Test
  void explainWhenGroupsGivenThenGroupBindingGrants() throws Exception {
    Run run = CliProcess.run(home, "explain", "--policy", policy(), "--member", "user:carol@example.com",
        "--groups", "dev@example.com,OPS@example.com", "--path", "/x");

    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("granted by: SERVICE").contains("group:ops@example.com")
        .doesNotContain("group membership unknown");
  }

  @Test
  void explainWhenGroupsFileGivenThenNestedMembershipGrants() throws Exception {
    Path groups = Files.writeString(home.resolve("groups.yaml"), """
        ops@example.com: [group:oncall@example.com]
        oncall@example.com: [user:dave@example.com]
        """);

    Run run = CliProcess.run(home, "explain", "--policy", policy(), "--member", "user:dave@example.com",
        "--groups-file", groups.toString(), "--path", "/x");

    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("group:oncall@example.com").contains("group:ops@example.com");
  }

  @Test
  void explainWhenDomainBindingAndNoHdThenSaysDomainMatchesOnlyHd() throws Exception {
    Run run = CliProcess.run(home, "explain", "--policy", policy(), "--member", "user:carol@example.com",
        "--groups", "dev@example.com", "--path", "/reports/q1");

    assertThat(run.exit()).isEqualTo(3);
    assertThat(run.out()).contains("[domain:example.com] no: no member matches user:carol@example.com; domain:"
        + " matches only the token's hd claim");
  }

  @Test
  void explainWhenHdGivenWithMemberThenDomainBindingGrants() throws Exception {
    Run run = CliProcess.run(home, "explain", "--policy", policy(), "--member", "user:carol@example.com",
        "--hd", "Example.com", "--path", "/reports/q1");

    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("granted by: SERVICE").contains("domain:example.com if \"reports\"");
  }

  @Test
  void explainWhenHdGivenWithTokenWithoutHdThenDomainBindingGrants(TestIssuer issuer) throws Exception {
    String token = issuer.user("carol@gmail.com").audience(AUDIENCE).sign();

    Run without = tokenRun(issuer, token, "/reports/q1");
    Run with = tokenRun(issuer, token, "/reports/q1", "--hd", "example.com");

    assertThat(without.exit()).isEqualTo(3);
    assertThat(without.out()).contains("domain: matches only the token's hd claim, and the token has none");
    assertThat(with.exit()).isZero();
    assertThat(with.out()).contains("caller: user:carol@gmail.com").contains("domain:example.com");
  }

  @Test
  void explainWhenGroupsGivenWithTokenThenGroupBindingGrants(TestIssuer issuer) throws Exception {
    String token = issuer.user("carol@example.com").audience(AUDIENCE).sign();

    Run run = tokenRun(issuer, token, "/x", "--groups", "ops@example.com");

    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("GRANTS: member group:ops@example.com matches");
  }

  @Test
  void explainWhenTokenCarriesOtherHdThenUsageErrorExit1(TestIssuer issuer) throws Exception {
    String token = issuer.user("carol@corp.example").hostedDomain("corp.example").audience(AUDIENCE).sign();

    Run run = tokenRun(issuer, token, "/x", "--hd", "example.com");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).contains("the token carries hd \"corp.example\"");
  }

  @Test
  void explainWhenGroupsForAnonymousOrMalformedThenUsageErrorExit1() throws Exception {
    Run anonymous = CliProcess.run(home, "explain", "--policy", policy(), "--member", "allUsers",
        "--groups", "ops@example.com", "--path", "/x");
    Run malformed = CliProcess.run(home, "explain", "--policy", policy(), "--member", "user:a@example.com",
        "--groups", "ops", "--path", "/x");
    Run badHd = CliProcess.run(home, "explain", "--policy", policy(), "--member", "user:a@example.com",
        "--hd", "a@example.com", "--path", "/x");

    assertThat(anonymous.exit()).isEqualTo(1);
    assertThat(anonymous.err()).contains("describe an authenticated caller");
    assertThat(malformed.exit()).isEqualTo(1);
    assertThat(malformed.err()).contains("--groups takes group emails");
    assertThat(badHd.exit()).isEqualTo(1);
    assertThat(badHd.err()).contains("--hd takes a domain");
  }

  private Run tokenRun(TestIssuer issuer, String token, String path, String... more) throws Exception {
    String[] base = {"explain", "--policy", policy(), "--token", token, "--audience", AUDIENCE, "--jwks-uri",
        issuer.jwksUri().toString(), "--path", path};
    String[] args = new String[base.length + more.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(more, 0, args, base.length, more.length);
    return CliProcess.run(home, args);
  }

  @Test
  void explainWhenTenantUserMemberThenTenantBindingGrantsAndProjectUidBindingDoesNot() throws Exception {
    String tenants = Files.writeString(home.resolve("tenants.json"), """
        {"bindings": [
          {"role": "roles/run.invoker", "members": ["firebase:uid-1"],
           "condition": {"title": "project", "expression": "request.path.startsWith('/p/')"}},
          {"role": "roles/run.invoker", "members": ["firebaseTenant:tenant-a1"],
           "condition": {"title": "tenant", "expression": "request.path.startsWith('/t/')"}}
        ]}""").toString();

    Run tenant = CliProcess.run(home, "explain", "--policy", tenants, "--member",
        "firebaseTenantUser:tenant-a1/uid-1", "--path", "/t/x");
    Run project = CliProcess.run(home, "explain", "--policy", tenants, "--member",
        "firebaseTenantUser:tenant-a1/uid-1", "--path", "/p/x");

    assertThat(tenant.exit()).as(tenant.out() + tenant.err()).isZero();
    assertThat(tenant.out()).contains("firebaseTenant:tenant-a1");
    assertThat(project.exit()).as(project.out() + project.err()).isEqualTo(3);
  }
}
