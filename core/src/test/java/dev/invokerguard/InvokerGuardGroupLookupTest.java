package dev.invokerguard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invokerguard.identity.Callers;
import dev.invokerguard.identity.GroupLookupException;
import dev.invokerguard.identity.GroupLookupLimits;
import dev.invokerguard.identity.GroupLookupStats;
import dev.invokerguard.identity.GroupLookups;
import dev.invokerguard.identity.MembershipLookup;
import dev.invokerguard.policy.PolicyLayer;
import dev.invokerguard.policy.PolicyOutcome;
import dev.invokerguard.policy.PolicyText;
import dev.invokerguard.request.AccessRequest;
import dev.invokerguard.testing.MutableClock;
import dev.invokerguard.testing.TestIssuer;
import dev.invokerguard.token.GoogleIdTokenVerifier;
import dev.invokerguard.token.TokenFamily;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code group:} bindings decided through the Cloud Identity Groups API (a fake on loopback): nested
 * membership, the cache, asking only about groups that could decide, and failing closed.
 */
class InvokerGuardGroupLookupTest {
  static final String AUDIENCE = "https://svc.example";
  /** carol by name; ops members on /ops paths; eng members everywhere. */
  static final String POLICY = """
      {"version": 3, "bindings": [
        {"role": "roles/run.invoker", "members": ["user:carol@example.com"]},
        {"role": "roles/run.invoker", "members": ["group:ops@example.com"],
         "condition": {"title": "ops paths", "expression": "request.path.startsWith('/ops')"}},
        {"role": "roles/run.invoker", "members": ["group:eng@example.com"]}
      ]}""";
  static final String DENY_CONTRACTORS = """
      {"name": "policies/x/denypolicies/contractors", "rules": [{"description": "no contractors",
        "denyRule": {"deniedPrincipals": ["principalSet://goog/group/contractors@example.com"],
                     "deniedPermissions": ["run.googleapis.com/routes.invoke"]}}]}""";

  private static TestIssuer issuer;
  private static CloudIdentityFake api;
  private static GoogleIdTokenVerifier verifier;
  private final MutableClock clock = MutableClock.atSystemTime();
  private final ExecutorService executor = Executors.newFixedThreadPool(4);

  @BeforeAll
  static void start() {
    issuer = TestIssuer.start();
    api = new CloudIdentityFake();
    verifier = GoogleIdTokenVerifier.builder()
        .family(TokenFamily.google(List.of(AUDIENCE)).withKeySetUri(issuer.jwksUri())).build();
  }

  @AfterAll
  static void stop() {
    verifier.close();
    api.close();
    issuer.close();
  }

  @BeforeEach
  void groups() {
    api.reset();
    for (String group : List.of("ops", "eng", "contractors")) {
      api.group(group + "@example.com", group);
    }
    api.membership("eng", "alice@example.com", true);
    api.membership("eng", "bob@example.com", false);
    api.membership("ops", "bob@example.com", false);
  }

  @AfterEach
  void stopExecutor() {
    executor.shutdownNow();
  }

  InvokerGuardBuilder guard(GroupLookupLimits limits) {
    return InvokerGuard.builder().verifier(verifier).clock(clock).fetchExecutor(executor)
        .allowPolicy(PolicyText.json("policy.json", POLICY), PolicyLayer.SERVICE)
        .membershipLookup(MembershipLookup.cloudIdentity(api.base(), uri -> java.util.Map.of(), executor))
        .groupLookupLimits(limits);
  }

  InvokerGuard guard() {
    return guard(GroupLookupLimits.DEFAULT).build();
  }

  static AccessRequest request(String path, String email) {
    return AccessRequest.builder("GET", "svc.example", path)
        .header("Authorization", "Bearer " + issuer.user(email).audience(AUDIENCE).sign()).build();
  }

  @Test
  void checkWhenTheCallerIsInTheGroupTransitivelyThenTheGroupBindingGrants() {
    Decision decision = guard().check(request("/orders", "alice@example.com"));

    assertThat(decision.status()).isEqualTo(200);
    assertThat(decision.grantedBy().member()).isEqualTo("group:eng@example.com");
    assertThat(api.checks("eng")).isEqualTo(1);
  }

  @Test
  void checkWhenTheCallerIsInNoBoundGroupThenForbiddenAndAConditionThatFailsSkipsItsGroup() {
    Decision decision = guard().check(request("/orders", "bob@example.com"));

    assertThat(decision.status()).isEqualTo(403);
    assertThat(decision.policyOutcome().reason()).isEqualTo(PolicyOutcome.Reason.NO_BINDING);
    assertThat(api.checks("eng")).isEqualTo(1);
    assertThat(api.checks("ops")).as("the ops binding's condition is false on /orders").isZero();
  }

  @Test
  void checkWhenTheGroupConditionHoldsThenItsGroupIsAskedFirst() {
    api.membership("ops", "dana@example.com", true);

    Decision decision = guard().check(request("/ops/restart", "dana@example.com"));

    assertThat(decision.status()).isEqualTo(200);
    assertThat(decision.grantedBy().member()).isEqualTo("group:ops@example.com");
    assertThat(api.checks("ops")).isEqualTo(1);
    assertThat(api.checks("eng")).as("eng could not change a granted decision").isZero();
  }

  @Test
  void checkWhenAUserBindingGrantsThenNoGroupIsLookedUp() {
    Decision decision = guard().check(request("/ops/restart", "carol@example.com"));

    assertThat(decision.status()).isEqualTo(200);
    assertThat(decision.grantedBy().member()).isEqualTo("user:carol@example.com");
    assertThat(api.requests()).isZero();
  }

  @Test
  void checkWhenAnswersAreCachedThenTheApiIsAskedAgainOnlyAfterTheirTtl() {
    InvokerGuard guard = guard(new GroupLookupLimits(Duration.ofMinutes(5), Duration.ofMinutes(1), 100, 20))
        .build();

    for (int i = 0; i < 3; i++) {
      assertThat(guard.check(request("/orders", "alice@example.com")).status()).isEqualTo(200);
      assertThat(guard.check(request("/orders", "bob@example.com")).status()).isEqualTo(403);
    }
    assertThat(api.checks("eng")).isEqualTo(2);
    clock.advance(Duration.ofSeconds(61));
    guard.check(request("/orders", "alice@example.com"));
    guard.check(request("/orders", "bob@example.com"));
    assertThat(api.checks("eng")).as("only the negative answer expired").isEqualTo(3);
    clock.advance(Duration.ofMinutes(5));
    guard.check(request("/orders", "alice@example.com"));

    assertThat(api.checks("eng")).isEqualTo(4);
    GroupLookupStats stats = guard.groupLookupStats().orElseThrow();
    assertThat(stats.calls()).isEqualTo(4);
    assertThat(stats.cacheHits()).isEqualTo(5);
    assertThat(stats.members()).isEqualTo(2);
    assertThat(stats.nonMembers()).isEqualTo(2);
  }

  @Test
  void checkWhenTheApiFailsWith5xxThenTheGroupBindingDoesNotGrantAndTheFailureIsNotCached() {
    api.answer("eng", "alice@example.com", CloudIdentityFake.error(503, "backend unavailable"));
    InvokerGuard guard = guard();

    Decision failed = guard.check(request("/orders", "alice@example.com"));
    Explanation explained = guard.explain(request("/orders", "alice@example.com"));
    api.membership("eng", "alice@example.com", true);
    Decision recovered = guard.check(request("/orders", "alice@example.com"));

    assertThat(failed.status()).isEqualTo(403);
    assertThat(failed.notes()).anySatisfy(note -> assertThat(note).contains("group membership unknown",
        "group:eng@example.com", "HTTP 503"));
    assertThat(explained.trace().bindings().get(2).why()).contains("group membership unknown");
    assertThat(recovered.status()).isEqualTo(200);
    assertThat(guard.groupLookupStats().orElseThrow().failures())
        .containsEntry(GroupLookupException.Code.SERVER_ERROR, 2L);
  }

  @Test
  void checkWhenTheApiFailsAfterAnAnswerThenTheLastAnswerServesUntilItsTtlPlusTheStalenessBound() {
    InvokerGuard guard = guard(new GroupLookupLimits(Duration.ofMinutes(5), Duration.ofMinutes(1), 100, 20))
        .build();
    assertThat(guard.check(request("/orders", "alice@example.com")).status()).isEqualTo(200);
    api.answer("eng", "alice@example.com", CloudIdentityFake.error(503, "backend unavailable"));

    clock.advance(Duration.ofMinutes(6));
    Decision stale = guard.check(request("/orders", "alice@example.com"));
    Decision staleAgain = guard.check(request("/orders", "alice@example.com"));
    clock.advance(GroupLookups.STALE_FOR);
    Decision pastTheBound = guard.check(request("/orders", "alice@example.com"));

    assertThat(stale.status()).as("the member answer, 6 min old, within 5 min TTL + 10 min").isEqualTo(200);
    assertThat(staleAgain.status()).isEqualTo(200);
    assertThat(api.checks("eng")).as("a stale answer is not cached: each request asks again").isEqualTo(4);
    assertThat(pastTheBound.status()).isEqualTo(403);
    assertThat(pastTheBound.notes()).anySatisfy(note -> assertThat(note).contains("group membership unknown"));
    GroupLookupStats stats = guard.groupLookupStats().orElseThrow();
    assertThat(stats.staleAnswers()).isEqualTo(2);
    assertThat(stats.failing()).isTrue();
  }

  @Test
  void checkWhenTheApiFailsForAPairNeverAnsweredThenNothingStaleGrants() {
    api.answer("eng", "alice@example.com", CloudIdentityFake.error(503, "backend unavailable"));
    InvokerGuard guard = guard();
    api.membership("eng", "bob@example.com", true);
    assertThat(guard.check(request("/orders", "bob@example.com")).status()).isEqualTo(200);

    assertThat(guard.check(request("/orders", "alice@example.com")).status()).isEqualTo(403);
    assertThat(guard.groupLookupStats().orElseThrow().staleAnswers()).isZero();
  }

  @Test
  void checkWhenTheTenantLacksTheEditionThenForbiddenSaysWhatToDo() {
    api.answer("eng", "alice@example.com", CloudIdentityFake.error(403,
        "Error(2015): Request not supported for this customer"));
    InvokerGuard guard = guard();

    Decision decision = guard.check(request("/orders", "alice@example.com"));

    assertThat(decision.status()).isEqualTo(403);
    GroupLookupStats stats = guard.groupLookupStats().orElseThrow();
    assertThat(stats.failures()).containsEntry(GroupLookupException.Code.FORBIDDEN, 1L);
    assertThat(stats.failing()).isTrue();
    assertThat(stats.lastError()).contains("HTTP 403", "Groups Reader", "Cloud Identity Premium",
        "invokerguard.groups=directory");
  }

  @Test
  void checkWhenTheApiAnswers403AgainThenTheErrorSayingWhatToDoIsLoggedOnce() {
    api.answer("eng", "alice@example.com", CloudIdentityFake.error(403, "Error(2015)"));
    api.answer("eng", "bob@example.com", CloudIdentityFake.error(403, "Error(2015)"));
    InvokerGuard guard = guard();
    java.io.PrintStream original = System.err;
    java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
    System.setErr(new java.io.PrintStream(log, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      guard.check(request("/orders", "alice@example.com"));
      guard.check(request("/orders", "bob@example.com"));
    } finally {
      System.setErr(original);
    }

    String text = log.toString(java.nio.charset.StandardCharsets.UTF_8);
    assertThat(text.split("ERROR", -1)).as(text).hasSize(2);
    assertThat(text).contains("group lookups are refused", "Cloud Identity Premium");
    assertThat(guard.groupLookupStats().orElseThrow().failures())
        .containsEntry(GroupLookupException.Code.FORBIDDEN, 2L);
  }

  @Test
  void checkWhenTheApiAnswers429ThenNoCallIsMadeUntilRetryAfterPassed() {
    api.answer("eng", "alice@example.com", CloudIdentityFake.error(429, "quota").withHeader("Retry-After", "30"));
    InvokerGuard guard = guard();

    Decision limited = guard.check(request("/orders", "alice@example.com"));
    Decision duringBackoff = guard.check(request("/orders", "bob@example.com"));
    int callsDuringBackoff = api.checks("eng");
    clock.advance(Duration.ofSeconds(31));
    Decision after = guard.check(request("/orders", "bob@example.com"));

    assertThat(limited.status()).isEqualTo(403);
    assertThat(duringBackoff.status()).isEqualTo(403);
    assertThat(duringBackoff.notes()).anySatisfy(note -> assertThat(note).contains("429"));
    assertThat(callsDuringBackoff).isEqualTo(1);
    assertThat(after.status()).isEqualTo(403);
    assertThat(api.checks("eng")).isEqualTo(2);
    assertThat(guard.groupLookupStats().orElseThrow().failures())
        .containsEntry(GroupLookupException.Code.RATE_LIMITED, 2L);
  }

  @Test
  void checkWhenADenyRuleNamesAGroupThenItIsAskedOnlyForACallerAboutToBeGrantedAndAFailureDenies() {
    InvokerGuard guard = guard(GroupLookupLimits.DEFAULT)
        .denyPolicy(PolicyText.json("deny.json", DENY_CONTRACTORS)).build();
    api.membership("contractors", "carol@example.com", false);
    api.answer("contractors", "alice@example.com", CloudIdentityFake.error(500, "internal"));

    Decision carol = guard.check(request("/orders", "carol@example.com"));
    Decision bob = guard.check(request("/orders", "bob@example.com"));
    Decision alice = guard.check(request("/orders", "alice@example.com"));
    api.membership("contractors", "alice@example.com", true);
    clock.advance(Duration.ofMinutes(10));
    Decision aliceKnown = guard.check(request("/orders", "alice@example.com"));

    assertThat(carol.status()).isEqualTo(200);
    assertThat(bob.status()).isEqualTo(403);
    assertThat(api.checks("contractors")).as("carol and alice, not bob, who is granted nothing").isEqualTo(3);
    assertThat(alice.status()).isEqualTo(403);
    assertThat(alice.policyOutcome().reason()).isEqualTo(PolicyOutcome.Reason.DENIED_BY_RULE);
    assertThat(alice.notes()).anySatisfy(note -> assertThat(note).contains("group membership unknown",
        "deny rule"));
    assertThat(aliceKnown.policyOutcome().reason()).isEqualTo(PolicyOutcome.Reason.DENIED_BY_RULE);
  }

  @Test
  void checkWhenConcurrentCallersAskTheSamePairThenOneCallIsMade() throws Exception {
    api.answer("eng", "alice@example.com", CloudIdentityFake.json("{\"hasMembership\": true}")
        .withFixedDelay(300));
    InvokerGuard guard = guard();
    List<AccessRequest> requests = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      requests.add(request("/orders", "alice@example.com"));
    }
    ExecutorService callers = Executors.newFixedThreadPool(8);
    try {
      List<Future<Decision>> decisions = new ArrayList<>();
      for (AccessRequest request : requests) {
        decisions.add(callers.submit(() -> guard.check(request)));
      }
      for (Future<Decision> decision : decisions) {
        assertThat(decision.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
      }
    } finally {
      callers.shutdownNow();
    }

    assertThat(api.checks("eng")).isEqualTo(1);
  }

  @Test
  void explainWhenABurstOfDistinctCallersThenCallsStayWithinTheRateAndTheRestFailClosed() {
    InvokerGuard guard = guard(new GroupLookupLimits(Duration.ofMinutes(5), Duration.ofMinutes(1), 10_000, 20))
        .build();

    int allowed = 0;
    for (int i = 0; i < 1000; i++) {
      Explanation explained = guard.explain(AccessRequest.builder("GET", "svc.example", "/orders").build(),
          Callers.fromMembers(List.of("user:u" + i + "@example.com")));
      allowed += explained.decision().allowed() ? 1 : 0;
    }

    assertThat(allowed).isZero();
    assertThat(api.checks("eng")).isLessThanOrEqualTo(20);
    GroupLookupStats stats = guard.groupLookupStats().orElseThrow();
    assertThat(stats.calls()).isLessThanOrEqualTo(20);
    assertThat(stats.failures().get(GroupLookupException.Code.RATE_LIMITED)).isGreaterThanOrEqualTo(980);
  }
}
