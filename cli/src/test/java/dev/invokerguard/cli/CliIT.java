package dev.invokerguard.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.invokerguard.cli.CliProcess.Run;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code target/invokerguard.jar} as a process, as a user would: lint, explain and token. */
class CliIT {
  private static final String SERVICE = CliProcess.policy("service.json");
  private static final String AUDIENCE = "https://example.com/path";

  @TempDir Path home;

  static String policy(String name) {
    return CliProcess.policy(name);
  }

  static String vector(String name) {
    return CliProcess.vector(name);
  }

  Run run(Map<String, String> env, String... args) throws IOException, InterruptedException {
    return CliProcess.run(Path.of("").toAbsolutePath(), home, env, args);
  }

  Run run(String... args) throws IOException, InterruptedException {
    return CliProcess.run(home, args);
  }

  @Test
  void lintWhenPolicyCleanThenExit0() throws Exception {
    Run run = run("lint", policy("warning.json"));

    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("ok     " + policy("warning.json"))
        .contains("WARNING DELETED_MEMBER").contains("bindings[0].members[1]").contains("0 error(s), 1 warning(s)");
  }

  @Test
  void lintWhenPolicyHasErrorsThenEveryProblemWithLocationAndExit1() throws Exception {
    Run run = run("lint", policy("error.json"));

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).contains("FAILED").contains("UNKNOWN_MEMBER_PREFIX").contains("bindings[0].members[0]")
        .contains("UNKNOWN_FIELD").contains("bindings[1].conditon");
  }

  @Test
  void lintWhenRegexNested20000DeepOrRepetitionsExplodeThenListedProblemsWithLocationNoStackTrace(
      @TempDir Path dir) throws Exception {
    String deep = "(".repeat(20_000) + "a" + ")".repeat(20_000);
    Path nested = Files.writeString(dir.resolve("nested.json"), conditional("request.path.matches('" + deep + "')"));
    Path repeated = Files.writeString(dir.resolve("repeated.json"),
        conditional("request.path.matches('((a{1000}){1000}){1000}')"));
    Path echoed = Files.writeString(dir.resolve("echoed.json"), conditional("request.host.matches(request.path)"));

    Run run = run("lint", nested.toString(), repeated.toString(), echoed.toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).contains("FAILED " + nested, "FAILED " + repeated, "FAILED " + echoed)
        .contains("CONDITION_INVALID " + nested + ": bindings[0].condition.expression")
        .contains("CONDITION_INVALID " + repeated + ": bindings[0].condition.expression")
        .contains("CONDITION_INVALID " + echoed + ": bindings[0].condition.expression")
        .contains("3 error(s)");
    assertThat(run.out() + run.err()).doesNotContain("Exception").doesNotContain("Error:")
        .doesNotContain("\tat ");
  }

  @Test
  void lintWhenSecondDocumentOrEmptyConditionThenListedProblemsWithLocation(@TempDir Path dir) throws Exception {
    Path deny = Files.writeString(dir.resolve("deny.yaml"), """
        rules:
        - denyRule:
            deniedPrincipals: [principal://goog/subject/nobody@example.com]
            deniedPermissions: [run.googleapis.com/routes.invoke]
        ---
        rules:
        - denyRule:
            deniedPrincipals: [principal://goog/subject/alice@example.com]
            deniedPermissions: [run.googleapis.com/routes.invoke]
        """);
    Path cut = Files.writeString(dir.resolve("cut.yaml"), """
        bindings:
        - role: roles/run.invoker
          members: [allUsers]
          condition:
        """);
    Path twoValues = Files.writeString(dir.resolve("two.json"), "{\"bindings\":[]} {\"bindings\":[]}");

    Run run = run("lint", cut.toString(), twoValues.toString(), "--deny", deny.toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out())
        .contains("ERROR SYNTAX_ERROR " + deny + ": line 6, column 1: a second YAML document")
        .contains("ERROR MISSING_FIELD " + cut + ": bindings[0].condition:")
        .contains("ERROR SYNTAX_ERROR " + twoValues + ": line 1, column 17:")
        .contains("3 error(s)");
  }

  private static String conditional(String expression) {
    return """
        {"bindings": [{"role": "roles/run.invoker", "members": ["allUsers"],
                       "condition": {"title": "t", "expression": "%s"}}]}""".formatted(expression);
  }

  @Test
  void lintWhenLayersThenProjectLayerRulesApply() throws Exception {
    Run run = run("lint", policy("project-public.json") + "," + SERVICE);

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).contains("PUBLIC_MEMBER_IN_PROJECT_LAYER").contains("(project policy)");
  }

  @Test
  void lintWhenCustomRolesGivenThenCustomRoleGrantsWithoutWarning(@TempDir Path dir) throws Exception {
    Path policy = Files.writeString(dir.resolve("policy.json"), """
        {"bindings": [{"role": "projects/p/roles/caller", "members": ["user:alice@example.com"]}]}""");
    Path roles = Files.writeString(dir.resolve("roles.json"), """
        {"name": "projects/p/roles/caller", "includedPermissions": ["run.routes.invoke"]}""");

    Run without = run("lint", policy.toString());
    Run with = run("lint", policy.toString(), "--custom-roles", roles.toString());
    Run explained = run("explain", "--policy", policy.toString(), "--custom-roles", roles.toString(),
        "--member", "user:alice@example.com", "--path", "/");

    assertThat(without.out()).contains("UNKNOWN_ROLE");
    assertThat(with.exit()).isZero();
    assertThat(with.out()).contains("0 error(s), 0 warning(s)");
    assertThat(explained.exit()).isZero();
  }

  @Test
  void explainWhenMemberGrantedThenAllowTraceAndExit0() throws Exception {
    Run run = run("explain", "--policy", SERVICE, "--member", "user:Alice@Example.com", "--host",
        "SVC.example.com:443", "--path", "/a/./b", "--time", "2026-01-31T12:00:00Z");

    assertThat(run.exit()).isZero();
    assertThat(run.out()).startsWith("ALLOW 200 GRANTED").contains("request.host: svc.example.com")
        .contains("request.path: /a/b").contains("caller: user:alice@example.com")
        .contains("bindings[0] roles/run.invoker").contains("GRANTS: member user:alice@example.com matches")
        .contains("condition \"public paths\" request.path.startsWith('/public/') = NOT_EVALUATED")
        .contains("roles/viewer [user:bob@example.com] no: role \"roles/viewer\" is not in the built-in table of"
            + " roles that carry a Cloud Run invoke permission: it grants nothing");
  }

  @Test
  void explainWhenMemberNotGrantedThenDenyAndExit3() throws Exception {
    Run run = run("explain", "--policy", SERVICE, "--member", "user:bob@example.com", "--path", "/x");

    assertThat(run.exit()).isEqualTo(3);
    assertThat(run.out()).startsWith("DENY 403 NO_BINDING").contains("no member matches user:bob@example.com");
  }

  @Test
  void explainWhenMemberEmailHasKelvinSignThenNotTheAsciiUserAndExit3(@TempDir Path dir) throws Exception {
    String policy = Files.writeString(dir.resolve("policy.json"), """
        {"bindings": [{"role": "roles/run.invoker", "members": ["user:kate@example.com"]}]}""").toString();
    Map<String, String> utf8 = Map.of("LC_ALL", "C.UTF-8", "LANG", "C.UTF-8");

    Run kelvin = run(utf8, "explain", "--policy", policy, "--member", "user:\u212Aate@example.com", "--path", "/");
    Run ascii = run(utf8, "explain", "--policy", policy, "--member", "user:KATE@example.com", "--path", "/");

    assumeTrue(kelvin.out().contains("caller: user:\u212Aate@example.com"),
        "the C.UTF-8 locale is needed to pass a non-ASCII argument to the jar (install it, e.g. locales-all)");
    assertThat(kelvin.exit()).isEqualTo(3);
    assertThat(kelvin.out()).startsWith("DENY 403 NO_BINDING");
    assertThat(ascii.exit()).isZero();
  }

  @Test
  void explainWhenJwksUriIsPlainHttpToANameStartingWith127ThenUsageErrorAndExit1() throws Exception {
    Run run = run("explain", "--policy", SERVICE, "--token", "a.b.c", "--audience", AUDIENCE,
        "--jwks-uri", "http://127.0.0.1.nip.io/certs", "--path", "/");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("http://127.0.0.1.nip.io/certs").contains("127.0.0.0/8");
  }

  @Test
  void explainWhenPathIsAmbiguousThenDenyVerdictAndExit3() throws Exception {
    Run run = run("explain", "--policy", SERVICE, "--member", "user:bob@example.com", "--path", "/a//b");

    assertThat(run.exit()).isEqualTo(3);
    assertThat(run.out()).startsWith("DENY 400 PATH_REJECTED");
  }

  @Test
  void explainWhenJwksUriAndIssuerGivenThenKeysFetchedFromThereAndIssuerTrusted() throws Exception {
    String token = Files.readString(Path.of(vector("gal-java-federated-signon-rs256-token.jwt"))).strip();
    byte[] keys = Files.readAllBytes(Path.of(vector("gal-java-federated_keys.json")));
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/certs", exchange -> {
      exchange.sendResponseHeaders(200, keys.length);
      exchange.getResponseBody().write(keys);
      exchange.close();
    });
    server.start();
    try {
      String jwksUri = "http://127.0.0.1:" + server.getAddress().getPort() + "/certs";
      Run google = run("explain", "--policy", SERVICE, "--token", token, "--jwks-uri", jwksUri,
          "--audience", AUDIENCE, "--time", "2020-04-23T07:30:00Z", "--path", "/private/x");
      Run otherIssuer = run("explain", "--policy", SERVICE, "--token", token, "--jwks-uri", jwksUri,
          "--issuer", "https://issuer.example", "--audience", AUDIENCE, "--time", "2020-04-23T07:30:00Z",
          "--path", "/private/x");

      assertThat(google.exit()).isZero();
      assertThat(google.out()).contains("serviceAccount:integration-tests@chingor-test.iam.gserviceaccount.com");
      assertThat(otherIssuer.exit()).isEqualTo(3);
      assertThat(otherIssuer.out()).contains("UNKNOWN_ISSUER");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void explainWhenAllUsersOnPublicPathThenConditionTrue() throws Exception {
    Run run = run("explain", "--policy", SERVICE, "--member", "allUsers", "--path", "/public/a");

    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("= TRUE");
  }

  @Test
  void explainWhenTokenVerifiedOfflineWithJwksFileThenAllowAsServiceAccount() throws Exception {
    String token = Files.readString(Path.of(vector("gal-java-federated-signon-rs256-token.jwt"))).strip();

    Run run = run("explain", "--policy", SERVICE, "--token", token, "--jwks-file",
        vector("gal-java-federated_keys.json"), "--audience", AUDIENCE, "--time", "2020-04-23T07:30:00Z",
        "--path", "/x");

    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("caller: serviceAccount:integration-tests@chingor-test.iam.gserviceaccount.com")
        .contains("token: GOOGLE from https://accounts.google.com").doesNotContain(token);
  }

  @Test
  void explainWhenTokenExpiredAtTimeThenDenyInvalidToken() throws Exception {
    String token = Files.readString(Path.of(vector("gal-java-federated-signon-rs256-token.jwt"))).strip();

    Run run = run("explain", "--policy", SERVICE, "--token", token, "--jwks-file",
        vector("gal-java-federated_keys.json"), "--audience", AUDIENCE, "--time", "2020-04-23T09:30:00Z",
        "--path", "/x");

    assertThat(run.exit()).isEqualTo(3);
    assertThat(run.out()).startsWith("DENY 401 TOKEN_REJECTED").contains("token: rejected (EXPIRED)");
  }

  @Test
  void explainWhenJsonThenParsesWithDecisionAndTrace() throws Exception {
    Run run = run("explain", "--policy", SERVICE, "--member", "user:bob@example.com", "--path", "/x", "--json");

    assertThat(run.exit()).isEqualTo(3);
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.get("outcome").asText()).isEqualTo("deny");
    assertThat(json.get("status").asInt()).isEqualTo(403);
    assertThat(json.get("caller").get("principal").asText()).isEqualTo("user:bob@example.com");
    assertThat(json.get("policy").get("etag").asText()).isEqualTo("BwCLI1");
    JsonNode bindings = json.get("trace").get("bindings");
    assertThat(bindings).hasSize(3);
    assertThat(bindings.get(2).get("roleGrants").asBoolean()).isFalse();
    assertThat(bindings.get(2).get("matchedMembers").get(0).asText()).isEqualTo("user:bob@example.com");
  }

  @Test
  void explainWhenTokenAndMemberBothGivenThenUsageErrorExit1() throws Exception {
    Run run = run("explain", "--policy", SERVICE, "--member", "user:a@b.com", "--token", "x", "--path", "/");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("exactly one of --token and --member").contains("usage:");
  }

  @Test
  void runWhenUnknownCommandOrOptionOrMissingValueThenExit1() throws Exception {
    assertThat(run("frobnicate").exit()).isEqualTo(1);
    assertThat(run().exit()).isEqualTo(1);
    Run unknown = run("explain", "--policy", SERVICE, "--member", "user:a@b.com", "--path", "/", "--verbose");
    assertThat(unknown.exit()).isEqualTo(1);
    assertThat(unknown.err()).contains("unknown option --verbose");
    assertThat(run("explain", "--policy").err()).contains("--policy needs a value");
    assertThat(run("explain", "--policy", SERVICE, "--member", "user:a@b.com", "--path", "/", "--time",
        "yesterday").err()).contains("RFC 3339");
  }

  @Test
  void explainWhenPolicyFileMissingThenInputErrorExit1() throws Exception {
    Run run = run("explain", "--policy", "no-such.json", "--member", "user:a@b.com", "--path", "/");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("cannot read no-such.json");
  }

  @Test
  void tokenWhenNoCredentialsThenClearMessageExit1() throws Exception {
    Run run = run(Map.of("GOOGLE_APPLICATION_CREDENTIALS", home.resolve("absent.json").toString(),
        "HOME", home.toString(), "CLOUDSDK_CONFIG", home.toString()), "token", "--audience",
        "https://svc.example.com");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("no Application Default Credentials")
        .contains("gcloud auth application-default login");
    assertThat(run.out()).isEmpty();
  }
}
