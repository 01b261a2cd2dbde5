package dev.invokerguard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invokerguard.identity.GroupLookupLimits;
import dev.invokerguard.identity.MembershipLookup;
import dev.invokerguard.policy.PolicyLayer;
import dev.invokerguard.policy.PolicyText;
import dev.invokerguard.request.AccessRequest;
import dev.invokerguard.testing.TestIssuer;
import dev.invokerguard.token.GoogleIdTokenVerifier;
import dev.invokerguard.token.TokenFamily;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link InvokerGuard#checkAsync} with groups looked up one at a time, on a thread BlockHound watches: a
 * lookup missing from the cache is started, not waited for, and the decision completes when it lands.
 */
class InvokerGuardGroupLookupAsyncTest {
  private static final int SLOW_MILLIS = 300;
  private static TestIssuer issuer;
  private static CloudIdentityFake api;
  private static GoogleIdTokenVerifier verifier;
  private static ExecutorService eventLoop;
  private final ExecutorService executor = Executors.newFixedThreadPool(2);

  @BeforeAll
  static void start() {
    issuer = TestIssuer.start();
    api = new CloudIdentityFake();
    verifier = GoogleIdTokenVerifier.builder().family(TokenFamily.google(List.of(InvokerGuardGroupLookupTest
        .AUDIENCE)).withKeySetUri(issuer.jwksUri())).build();
    assertThat(verifier.prefetch()).isTrue();
    eventLoop = NonBlockingThreads.eventLoop();
  }

  @AfterAll
  static void stop() {
    eventLoop.shutdownNow();
    verifier.close();
    api.close();
    issuer.close();
  }

  @BeforeEach
  void groups() {
    api.reset();
    api.group("ops@example.com", "ops");
    api.group("eng@example.com", "eng");
    NonBlockingThreads.forget();
  }

  @AfterEach
  void stopExecutor() {
    executor.shutdownNow();
  }

  private InvokerGuard guard(AtomicInteger decisions) {
    return InvokerGuard.builder().verifier(verifier).fetchExecutor(executor)
        .allowPolicy(PolicyText.json("policy.json", InvokerGuardGroupLookupTest.POLICY), PolicyLayer.SERVICE)
        .membershipLookup(MembershipLookup.cloudIdentity(api.base(), uri -> Map.of(), executor))
        .groupLookupLimits(GroupLookupLimits.DEFAULT)
        .listener(event -> decisions.incrementAndGet()).build();
  }

  private record Called(CompletionStage<Decision> stage, boolean doneOnReturn) {
    Decision decision() throws Exception {
      return stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  private static Called onEventLoop(InvokerGuard guard, AccessRequest request) throws Exception {
    return eventLoop.submit(() -> {
      CompletionStage<Decision> stage = guard.checkAsync(request);
      return new Called(stage, stage.toCompletableFuture().isDone());
    }).get(30, TimeUnit.SECONDS);
  }

  private static AccessRequest request(String path, String email) {
    return AccessRequest.builder("GET", "svc.example", path).header("Authorization", "Bearer "
        + issuer.user(email).audience(InvokerGuardGroupLookupTest.AUDIENCE).sign()).build();
  }

  @Test
  void checkAsyncWhenTheAnswerIsNotCachedThenTheEventLoopNeverWaitsAndTheDecisionIsTakenOnce()
      throws Exception {
    api.answer("eng", "alice@example.com", CloudIdentityFake.json("{\"hasMembership\": true}")
        .withFixedDelay(SLOW_MILLIS));
    AtomicInteger decisions = new AtomicInteger();
    InvokerGuard guard = guard(decisions);
    AccessRequest first = request("/orders", "alice@example.com");
    AccessRequest second = request("/orders", "alice@example.com");

    Called miss = onEventLoop(guard, first);
    assertThat(miss.doneOnReturn()).isFalse();
    assertThat(miss.decision().status()).isEqualTo(200);
    Called hit = onEventLoop(guard, second);

    assertThat(hit.doneOnReturn()).isTrue();
    assertThat(hit.decision().status()).isEqualTo(200);
    assertThat(api.checks("eng")).isEqualTo(1);
    assertThat(decisions).as("an attempt that started a lookup is neither counted nor told").hasValue(2);
    assertThat(guard.counts().allowed()).isEqualTo(2);
    assertThat(NonBlockingThreads.blockedCalls()).isEmpty();
  }

  @Test
  void checkAsyncWhenTwoGroupsMustBeAskedInTurnThenBothAreLookedUpOffTheEventLoop() throws Exception {
    api.membership("ops", "bob@example.com", false);
    api.answer("eng", "bob@example.com", CloudIdentityFake.json("{\"hasMembership\": true}")
        .withFixedDelay(SLOW_MILLIS));
    AtomicInteger decisions = new AtomicInteger();
    InvokerGuard guard = guard(decisions);

    Called call = onEventLoop(guard, request("/ops/restart", "bob@example.com"));

    assertThat(call.doneOnReturn()).isFalse();
    Decision decision = call.decision();
    assertThat(decision.status()).isEqualTo(200);
    assertThat(decision.grantedBy().member()).isEqualTo("group:eng@example.com");
    assertThat(api.checks("ops")).isEqualTo(1);
    assertThat(api.checks("eng")).isEqualTo(1);
    assertThat(decisions).hasValue(1);
    assertThat(NonBlockingThreads.blockedCalls()).isEmpty();
  }

  @Test
  void checkAsyncWhenTheLookupFailsThenDeniedWithoutBlocking() throws Exception {
    api.answer("eng", "alice@example.com", CloudIdentityFake.error(503, "unavailable"));
    InvokerGuard guard = guard(new AtomicInteger());

    Decision decision = onEventLoop(guard, request("/orders", "alice@example.com")).decision();

    assertThat(decision.status()).isEqualTo(403);
    assertThat(decision.notes()).anySatisfy(note -> assertThat(note).contains("group membership unknown"));
    assertThat(NonBlockingThreads.blockedCalls()).isEmpty();
  }
}
