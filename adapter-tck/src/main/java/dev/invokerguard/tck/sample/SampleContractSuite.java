package dev.invokerguard.tck.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invokerguard.testing.TestIssuer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The end-to-end scenarios every sample keeps (DESIGN.md, "The sample contract"), as an abstract JUnit 5
 * suite: the sample's runnable jar ({@link SampleProcess}, system property {@code sample.jar}) as a separate
 * process, configured only by {@code INVOKERGUARD_*} environment variables, against a local
 * {@link TestIssuer}, over real HTTP ({@link RawHttp}): grants by user, service account, group, domain,
 * {@code allUsers}, {@code allAuthenticatedUsers} and host or path conditions; 401 with the
 * <a href="https://www.rfc-editor.org/rfc/rfc6750#section-3">RFC 6750</a> challenge; 403; 400 for an
 * oversized token; 503 with {@code Retry-After} without keys; keys fetched once at start-up without a request,
 * and at most once for a storm of unknown key ids; a missing audience stopping start-up.
 *
 * <p>A sample's {@code *IT} class extends it and adds only what is its own; {@link #allowedBody} and
 * {@link #missingAudienceMessage} say how its answers are spelt.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class SampleContractSuite {
  /** The audience tokens are signed for and the sample accepts. */
  protected static final String AUDIENCE = "https://svc.example.com";
  /** The service's policy the sample is started with. */
  protected static final String POLICY = """
      {"bindings": [
        {"role": "roles/run.invoker", "members": ["allUsers"],
         "condition": {"title": "public", "expression": "request.path.startsWith('/public/')"}},
        {"role": "roles/run.invoker", "members": ["user:alice@example.com",
          "serviceAccount:robot@p.iam.gserviceaccount.com", "group:team@example.com", "domain:corp.example"]},
        {"role": "roles/run.invoker", "members": ["allAuthenticatedUsers"],
         "condition": {"title": "members", "expression": "request.path.startsWith('/members/')"}},
        {"role": "roles/run.invoker", "members": ["user:hosty@example.com"],
         "condition": {"title": "admin host", "expression": "request.host == 'admin.example.com'"}},
        {"role": "roles/run.invoker", "members": ["user:pathy@example.com"],
         "condition": {"title": "reports", "expression": "request.path.startsWith('/reports/')"}},
        {"role": "roles/run.viewer", "members": ["user:viewer@example.com"]}
      ]}""";

  /** The issuer of the callers' tokens and of the keys the sample fetches. */
  protected TestIssuer issuer;
  /** A temporary directory holding {@code policy.json} and {@code groups.yaml}. */
  protected Path dir;
  /** The sample started with {@link #env}. */
  protected SampleProcess sample;
  /** Raw HTTP to {@link #sample}. */
  protected RawHttp http;
  private int keyRequestsBeforeFirstRequest;

  /**
   * The body the sample answers an allowed {@code GET} with: by default {@code {"principal":P,"path":Q}}
   * without spaces.
   */
  protected String allowedBody(String principal, String path) {
    return "{\"principal\":\"" + principal + "\",\"path\":\"" + path + "\"}";
  }

  /** What the sample prints when it is started without {@code INVOKERGUARD_AUDIENCES}. */
  protected String missingAudienceMessage() {
    return "(INVOKERGUARD_AUDIENCES) is required";
  }

  @BeforeAll
  void startSample() throws Exception {
    issuer = TestIssuer.start();
    // the issuer makes its signing key on first use: now, not while the sample's key prefetch waits on it
    issuer.user("warm-up@example.com").sign();
    dir = Files.createTempDirectory("sample-it");
    Files.writeString(dir.resolve("policy.json"), POLICY);
    Files.writeString(dir.resolve("groups.yaml"), """
        team@example.com:
          - user:carol@example.com
          - user:kate@example.com
          - group:ops@example.com
        ops@example.com:
          - user:olga@example.com
        """);
    sample = SampleProcess.start(env(issuer)).awaitListening();
    // the sample fetches its keys at start-up in the background: wait for that fetch, sending no request
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (issuer.keyRequests() == 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    keyRequestsBeforeFirstRequest = issuer.keyRequests();
    http = sample.http();
  }

  @AfterAll
  void stopSample() throws Exception {
    if (sample != null) {
      sample.close();
    }
    if (issuer != null) {
      issuer.close();
    }
  }

  /** The sample's environment: the policy, the audience, the keys of {@code keys} and the groups document. */
  protected Map<String, String> env(TestIssuer keys) {
    return Map.of("INVOKERGUARD_POLICY", dir.resolve("policy.json").toString(),
        "INVOKERGUARD_AUDIENCES", AUDIENCE,
        "INVOKERGUARD_JWKS_URI", keys.jwksUri().toString(),
        "INVOKERGUARD_GROUPS", dir.resolve("groups.yaml").toString());
  }

  /** A user's ID token for {@link #AUDIENCE}. */
  protected String user(String email) {
    return issuer.user(email).audience(AUDIENCE).sign();
  }

  /** GET {@code path} with {@code Authorization: Bearer token} and more header lines. */
  protected RawHttp.Response bearer(String path, String token, String... more) throws Exception {
    String[] headers = new String[more.length + 1];
    headers[0] = "Authorization: Bearer " + token;
    System.arraycopy(more, 0, headers, 1, more.length);
    return http.get(path, headers);
  }

  /** Asserts a 200 whose body names this principal and path. */
  protected void assertAllowed(RawHttp.Response response, String principal, String path) {
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(allowedBody(principal, path));
  }

  @Test
  void getWhenGrantedUserThenAllowedWithPrincipal() throws Exception {
    assertAllowed(bearer("/private/a", user("alice@example.com")), "user:alice@example.com", "/private/a");
  }

  @Test
  void getWhenGrantedServiceAccountThenAllowed() throws Exception {
    String token = issuer.serviceAccount("robot@p.iam.gserviceaccount.com").audience(AUDIENCE).sign();
    assertAllowed(bearer("/private/a", token), "serviceAccount:robot@p.iam.gserviceaccount.com", "/private/a");
  }

  @Test
  void getWhenMemberOfGrantedGroupThenAllowed() throws Exception {
    assertAllowed(bearer("/private/a", user("carol@example.com")), "user:carol@example.com", "/private/a");
  }

  @Test
  void getWhenEmailSpellsAMemberWithKelvinSignThen403() throws Exception {
    assertAllowed(bearer("/private/a", user("Kate@example.com")), "user:kate@example.com", "/private/a");
    assertThat(bearer("/private/a", user("\u212Aate@example.com")).status()).isEqualTo(403);
  }

  @Test
  void getWhenUserEmailIsANestedGroupsEmailThenNotItsGroupsGrant() throws Exception {
    assertAllowed(bearer("/private/a", user("olga@example.com")), "user:olga@example.com", "/private/a");
    assertThat(bearer("/private/a", user("ops@example.com")).status()).isEqualTo(403);
  }

  @Test
  void getWhenTokenAlsoNamesAnUntrustedAudienceThen401InvalidToken() throws Exception {
    String token = issuer.user("alice@example.com").audience(AUDIENCE, "https://other.example").sign();

    RawHttp.Response response = bearer("/private/a", token);

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.header("WWW-Authenticate")).hasValueSatisfying(
        v -> assertThat(v).contains("error=\"invalid_token\""));
  }

  @Test
  void getWhenHostedDomainGrantedThenAllowedButNotByEmailSuffix() throws Exception {
    String withHd = issuer.user("dave@corp.example").hostedDomain("corp.example").audience(AUDIENCE).sign();

    assertAllowed(bearer("/private/a", withHd), "user:dave@corp.example", "/private/a");
    assertThat(bearer("/private/a", user("eve@corp.example")).status()).isEqualTo(403);
  }

  @Test
  void getWhenAllAuthenticatedUsersOnTheirPathThenAllowedElsewhereForbidden() throws Exception {
    assertAllowed(bearer("/members/a", user("zed@example.com")), "user:zed@example.com", "/members/a");
    assertThat(bearer("/private/a", user("zed@example.com")).status()).isEqualTo(403);
  }

  @Test
  void getWhenPublicPathWithoutTokenThenAllowedAsAllUsers() throws Exception {
    assertAllowed(http.get("/public/a"), "allUsers", "/public/a");
  }

  @Test
  void getWhenNoTokenOnPrivatePathThen401BearerChallenge() throws Exception {
    RawHttp.Response response = http.get("/private/a");

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.header("WWW-Authenticate")).hasValue("Bearer realm=\"invokerguard\"");
    assertThat(response.header("Content-Type")).hasValue("application/problem+json");
  }

  @Test
  void getWhenRejectedTokenOnPrivatePathThen401InvalidToken() throws Exception {
    Instant now = Instant.now();
    String expired = issuer.user("alice@example.com").audience(AUDIENCE)
        .issuedAt(now.minus(Duration.ofHours(2))).expiresAt(now.minus(Duration.ofHours(1))).sign();

    RawHttp.Response response = bearer("/private/a", expired);

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.header("WWW-Authenticate")).hasValueSatisfying(
        v -> assertThat(v).startsWith("Bearer ").contains("error=\"invalid_token\""));
    assertThat(response.body()).doesNotContain(expired);
  }

  @Test
  void getWhenAuthenticatedWithoutGrantThen403() throws Exception {
    RawHttp.Response response = bearer("/private/a", user("nobody@example.com"));

    assertThat(response.status()).isEqualTo(403);
    assertThat(response.header("WWW-Authenticate")).isEmpty();
    assertThat(response.body()).contains("user:nobody@example.com");
  }

  @Test
  void getWhenOnlyRunViewerThen403() throws Exception {
    assertThat(bearer("/private/a", user("viewer@example.com")).status()).isEqualTo(403);
  }

  @Test
  void getWhenHostConditionedBindingThenOnlyThatHost() throws Exception {
    String hosty = user("hosty@example.com");

    assertAllowed(bearer("/x", hosty, "Host: admin.example.com"), "user:hosty@example.com", "/x");
    assertThat(bearer("/x", hosty, "Host: svc.example.com").status()).isEqualTo(403);
  }

  @Test
  void getWhenPathConditionedBindingThenOnlyThatPath() throws Exception {
    String pathy = user("pathy@example.com");

    assertAllowed(bearer("/reports/q", pathy), "user:pathy@example.com", "/reports/q");
    assertThat(bearer("/private/a", pathy).status()).isEqualTo(403);
  }

  @Test
  void getWhenServerlessAuthorizationAndBasicAuthorizationThenServerlessTokenDecides() throws Exception {
    RawHttp.Response response = http.get("/private/a", "Authorization: Basic YWxhZGRpbjpvcGVuc2VzYW1l",
        "X-Serverless-Authorization: Bearer " + user("alice@example.com"));

    assertAllowed(response, "user:alice@example.com", "/private/a");
  }

  @Test
  void getWhen64KibTokenOrHeaderThenClientErrorNever500() throws Exception {
    String big = "a".repeat(64 * 1024);

    assertThat(bearer("/private/a", big).status()).isIn(400, 401, 413, 431);
    assertThat(http.get("/public/a", "X-Padding: " + big).status()).isIn(400, 401, 413, 431);
    assertThat(bearer("/private/a", user("alice@example.com") + big.substring(0, 20_000)).status())
        .isIn(400, 401, 413, 431);
  }

  @Test
  void startWhenListeningThenKeysAreFetchedOnceWithoutARequest() {
    assertThat(keyRequestsBeforeFirstRequest).isEqualTo(1);
  }

  @Test
  void getWhenConcurrentStormOfUnknownKidsThenAtMostOneKeyFetch() throws Exception {
    int before = issuer.keyRequests();
    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      tokens.add(issuer.user("alice@example.com").audience(AUDIENCE).keyId("storm-" + i).sign());
    }
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<Integer>> statuses = new ArrayList<>();
      for (String token : tokens) {
        statuses.add(pool.submit(() -> bearer("/private/a", token).status()));
      }
      for (Future<Integer> status : statuses) {
        assertThat(status.get(30, TimeUnit.SECONDS)).isEqualTo(401);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(issuer.keyRequests() - before).isLessThanOrEqualTo(1);
  }

  @Test
  void getWhenTokenOverTheGuardsLimitThenGuardAnswers400WithProblem() throws Exception {
    RawHttp.Response response = bearer("/private/a", user("alice@example.com") + "a".repeat(20_000));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.header("Content-Type")).hasValueSatisfying(v -> assertThat(v)
        .startsWith("application/problem+json"));
    assertThat(response.body()).contains("\"status\":400").doesNotContain("aaaaaaaaaa");
  }

  @Test
  void getWhenKeyEndpointGoesDownLaterThenCachedKeysKeepServing() throws Exception {
    assertThat(bearer("/private/a", user("alice@example.com")).status()).isEqualTo(200);
    issuer.keyEndpointStatus(500);
    try {
      assertAllowed(bearer("/private/b", user("alice@example.com")), "user:alice@example.com", "/private/b");
      assertThat(bearer("/private/b", user("nobody@example.com")).status()).isEqualTo(403);
    } finally {
      issuer.keyEndpointStatus(200);
    }
  }

  @Test
  void startWhenKeyEndpointDownFromTheStartThen503WithRetryAfter() throws Exception {
    try (TestIssuer down = TestIssuer.start()) {
      down.keyEndpointStatus(500);
      try (SampleProcess unavailable = SampleProcess.start(env(down)).awaitListening()) {
        String token = down.user("alice@example.com").audience(AUDIENCE).sign();

        RawHttp.Response response = unavailable.http().get("/private/a", "Authorization: Bearer " + token);

        assertThat(response.status()).as(response.toString()).isEqualTo(503);
        assertThat(response.header("Retry-After"))
            .hasValueSatisfying(v -> assertThat(Integer.parseInt(v)).isPositive());
        assertThat(unavailable.http().get("/public/a").status()).isEqualTo(200);
      }
    }
  }

  @Test
  void startWhenAudienceMissingThenExitsNamingTheVariable() throws Exception {
    try (SampleProcess broken = SampleProcess.start(Map.of("INVOKERGUARD_POLICY",
        dir.resolve("policy.json").toString()))) {
      assertThat(broken.awaitExit()).isEqualTo(2);
      assertThat(broken.output()).contains(missingAudienceMessage());
    }
  }
}
