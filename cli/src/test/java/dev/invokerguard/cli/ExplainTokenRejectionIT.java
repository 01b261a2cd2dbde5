package dev.invokerguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.invokerguard.cli.CliProcess.Run;
import dev.invokerguard.testing.TestIssuer;
import dev.invokerguard.testing.WithTestIssuer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code explain --token}: a rejected token is explained in the terms of the inputs. */
@WithTestIssuer
class ExplainTokenRejectionIT {
  private static final String SERVICE = CliProcess.policy("service.json");
  private static final String AUDIENCE = "https://example.com/path";

  @TempDir Path home;

  private static String token() throws Exception {
    return Files.readString(Path.of(CliProcess.vector("gal-java-federated-signon-rs256-token.jwt"))).strip();
  }

  private Run explainVector(String audience, String time, String... more) throws Exception {
    String[] base = {"explain", "--policy", SERVICE, "--token", token(), "--jwks-file",
        CliProcess.vector("gal-java-federated_keys.json"), "--audience", audience, "--time", time,
        "--path", "/x"};
    String[] args = new String[base.length + more.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(more, 0, args, base.length, more.length);
    return CliProcess.run(home, args);
  }

  @Test
  void explainWhenAudienceDiffersThenTokensAudNextToExpected() throws Exception {
    Run run = explainVector("https://other.example", "2020-04-23T07:30:00Z");

    assertThat(run.exit()).isEqualTo(3);
    assertThat(run.out()).startsWith("DENY 401 TOKEN_REJECTED")
        .contains("token: rejected (INVALID_AUDIENCE): its aud [https://example.com/path] holds"
            + " [https://example.com/path], not among the expected audiences [https://other.example] (--audience)")
        .contains("aud: [https://example.com/path]   expected (--audience): [https://other.example]");
  }

  @Test
  void explainWhenTokenExpiredAtTimeThenExpNextToTime() throws Exception {
    Run run = explainVector(AUDIENCE, "2020-04-23T09:30:00Z");

    assertThat(run.exit()).isEqualTo(3);
    assertThat(run.out()).contains("token: rejected (EXPIRED): it expired at 2020-04-23T08:18:08Z, before --time"
        + " 2020-04-23T09:30:00Z (allowed clock skew 60 s)")
        .contains("exp: 2020-04-23T08:18:08Z   checked at: 2020-04-23T09:30:00Z");
  }

  @Test
  void explainWhenIssuerNotTrustedThenTokensIssNextToTrusted() throws Exception {
    Run run = explainVector(AUDIENCE, "2020-04-23T07:30:00Z", "--issuer", "https://issuer.example");

    assertThat(run.exit()).isEqualTo(3);
    assertThat(run.out()).contains("token: rejected (UNKNOWN_ISSUER): its iss \"https://accounts.google.com\" is"
        + " not a trusted issuer [https://issuer.example]")
        .contains("iss: https://accounts.google.com   trusted: [https://issuer.example]");
  }

  @Test
  void explainWhenAudiencesGivenAsListThenEitherMatches() throws Exception {
    Run run = explainVector("https://other.example," + AUDIENCE, "2020-04-23T07:30:00Z");

    assertThat(run.exit()).isZero();
    assertThat(run.out()).startsWith("ALLOW 200 GRANTED").doesNotContain("rejected");
  }

  @Test
  void explainWhenKeyEndpointFailsThenKeysUnavailableNamesUrlAndFailureAndExit3(TestIssuer issuer)
      throws Exception {
    issuer.keyEndpointStatus(500);
    String token = issuer.serviceAccount("sa@p.iam.gserviceaccount.com").audience(AUDIENCE).sign();

    Run run = CliProcess.run(home, "explain", "--policy", SERVICE, "--token", token, "--audience", AUDIENCE,
        "--jwks-uri", issuer.jwksUri().toString(), "--path", "/x");

    assertThat(run.exit()).isEqualTo(3);
    assertThat(run.out()).startsWith("DENY 503 KEYS_UNAVAILABLE")
        .contains("token: rejected (KEYS_UNAVAILABLE): the keys at " + issuer.jwksUri()
            + " cannot be fetched: HTTP status 500");
  }

  @Test
  void explainWhenTokenEmptyOnPrivatePathThenRejectedTokenSaysTokenIsEmpty() throws Exception {
    Run run = CliProcess.run(home, "explain", "--policy", SERVICE, "--token", "", "--audience", AUDIENCE,
        "--path", "/private/x");

    assertThat(run.exit()).isEqualTo(3);
    assertThat(run.out()).startsWith("DENY 401 TOKEN_REJECTED")
        .contains("token: rejected (MALFORMED): --token is empty");
  }

  @Test
  void explainWhenTokenEmptyOnPublicPathThenAllowedAndSaysTokenIsEmpty() throws Exception {
    Run run = CliProcess.run(home, "explain", "--policy", SERVICE, "--token", "", "--audience", AUDIENCE,
        "--path", "/public/x");

    assertThat(run.exit()).isZero();
    assertThat(run.out()).startsWith("ALLOW 200 GRANTED").contains("--token is empty");
  }

  @Test
  void explainWhenJsonAndTokenRejectedThenRejectionFields() throws Exception {
    Run run = explainVector("https://other.example", "2020-04-23T07:30:00Z", "--json");

    JsonNode why = new ObjectMapper().readTree(run.out()).get("tokenRejection");
    assertThat(why.get("error").asText()).isEqualTo("INVALID_AUDIENCE");
    assertThat(why.get("audience").get(0).asText()).isEqualTo(AUDIENCE);
    assertThat(why.get("expectedAudiences").get(0).asText()).isEqualTo("https://other.example");
    assertThat(why.get("checkedAt").asText()).isEqualTo("2020-04-23T07:30:00Z");
  }
}
