package dev.invokerguard;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.invokerguard.identity.GroupResolver;
import dev.invokerguard.policy.PolicyLayer;
import dev.invokerguard.policy.PolicyText;
import dev.invokerguard.request.AccessRequest;
import dev.invokerguard.testing.TestIssuer;
import dev.invokerguard.token.GoogleIdTokenVerifier;
import dev.invokerguard.token.TokenFamily;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
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
 * {@link InvokerGuard#checkAsync} on a thread that must never block (BlockHound watches it): it completes
 * on that thread when everything is in memory, and otherwise when the fetch lands, without the thread waiting.
 */
class InvokerGuardAsyncTest {
  private static final String AUDIENCE = "https://svc.example";
  private static final String KEYS = "/oauth2/v3/certs";
  private static final int SLOW_MILLIS = 400;
  private static TestIssuer issuer;
  private static WireMockServer keyEndpoint;
  private static ExecutorService eventLoop;

  private final ExecutorService refreshes = Executors.newFixedThreadPool(2);
  private final List<GoogleIdTokenVerifier> verifiers = new ArrayList<>();

  @BeforeAll
  static void start() {
    issuer = TestIssuer.start();
    keyEndpoint = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    keyEndpoint.start();
    eventLoop = NonBlockingThreads.eventLoop();
  }

  @AfterAll
  static void stop() {
    eventLoop.shutdownNow();
    keyEndpoint.stop();
    issuer.close();
  }

  @BeforeEach
  void slowKeyEndpoint() throws Exception {
    serveIssuerKeys();
    keyEndpoint.resetRequests();
    NonBlockingThreads.forget();
  }

  @AfterEach
  void closeVerifiers() {
    verifiers.forEach(GoogleIdTokenVerifier::close);
    refreshes.shutdownNow();
  }

  private static void serveIssuerKeys() throws Exception {
    String jwks = HttpClient.newHttpClient().send(HttpRequest.newBuilder(issuer.jwksUri()).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    keyEndpoint.stubFor(get(urlEqualTo(KEYS)).willReturn(aResponse().withStatus(200).withFixedDelay(SLOW_MILLIS)
        .withHeader("Cache-Control", "public, max-age=3600").withBody(jwks)));
  }

  private static int keyFetches() {
    return keyEndpoint.countRequestsMatching(getRequestedFor(urlEqualTo(KEYS)).build()).getCount();
  }

  private GoogleIdTokenVerifier verifier() {
    GoogleIdTokenVerifier verifier = GoogleIdTokenVerifier.builder()
        .family(TokenFamily.google(List.of(AUDIENCE))
            .withKeySetUri(URI.create("http://127.0.0.1:" + keyEndpoint.port() + KEYS)))
        .refreshExecutor(refreshes).build();
    verifiers.add(verifier);
    return verifier;
  }

  private static InvokerGuardBuilder guard(GoogleIdTokenVerifier verifier, String member) {
    return InvokerGuard.builder().verifier(verifier).fetchExecutor(Executors.newCachedThreadPool())
        .allowPolicy(PolicyText.json("policy.json", "{\"bindings\": [{\"role\": \"roles/run.invoker\","
            + " \"members\": [\"" + member + "\"]}]}"), PolicyLayer.SERVICE);
  }

  private static AccessRequest request(String token) {
    return AccessRequest.builder("GET", "svc.example", "/orders").header("Authorization", "Bearer " + token)
        .build();
  }

  private static String alice() {
    return issuer.user("alice@example.com").audience(AUDIENCE).sign();
  }

  /** What the event loop saw: the stage, and whether it was complete when checkAsync returned. */
  private record Called(CompletionStage<Decision> stage, boolean doneOnReturn) {
    Decision decision() throws Exception {
      return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  private static Called onEventLoop(InvokerGuard guard, AccessRequest request) throws Exception {
    return eventLoop.submit(() -> {
      CompletionStage<Decision> stage = guard.checkAsync(request);
      return new Called(stage, stage.toCompletableFuture().isDone());
    }).get(10, TimeUnit.SECONDS);
  }

  @Test
  void eventLoopWhenItBlocksThenBlockHoundSeesIt() throws Exception {
    eventLoop.submit(() -> {
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }).get(10, TimeUnit.SECONDS);

    assertThat(NonBlockingThreads.blockedCalls()).isNotEmpty();
  }

  @Test
  void checkAsyncWhenKeysAreInMemoryThenCompletesOnTheCallingThreadWithoutBlocking() throws Exception {
    GoogleIdTokenVerifier verifier = verifier();
    assertThat(verifier.prefetch()).isTrue();
    List<DecisionEvent> events = new CopyOnWriteArrayList<>();
    InvokerGuard guard = guard(verifier, "user:alice@example.com").listener(events::add).build();
    guard.check(request(alice()));

    Called fresh = onEventLoop(guard, request(alice()));
    Called cached = onEventLoop(guard, request(alice()));
    Called stranger = onEventLoop(guard, request(issuer.user("bob@example.com").audience(AUDIENCE).sign()));

    assertThat(fresh.doneOnReturn()).isTrue();
    assertThat(cached.doneOnReturn()).isTrue();
    assertThat(stranger.doneOnReturn()).isTrue();
    assertThat(fresh.decision().status()).isEqualTo(200);
    assertThat(cached.decision().status()).isEqualTo(200);
    assertThat(stranger.decision().status()).isEqualTo(403);
    assertThat(NonBlockingThreads.blockedCalls()).isEmpty();
    assertThat(events).hasSize(4);
    assertThat(guard.counts().allowed()).isEqualTo(3);
    assertThat(keyFetches()).isEqualTo(1);
  }

  @Test
  void checkAsyncWhenKeysMustComeFromASlowEndpointThenTheCallingThreadNeverWaitsAndOneFetchServesAll()
      throws Exception {
    InvokerGuard guard = guard(verifier(), "user:alice@example.com").build();

    List<Called> calls = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      calls.add(onEventLoop(guard, request(alice())));
    }

    assertThat(calls).noneMatch(Called::doneOnReturn);
    for (Called call : calls) {
      assertThat(call.decision().status()).isEqualTo(200);
    }
    assertThat(NonBlockingThreads.blockedCalls()).isEmpty();
    assertThat(keyFetches()).isEqualTo(1);
    assertThat(onEventLoop(guard, request(alice())).doneOnReturn()).isTrue();
  }

  @Test
  void checkAsyncWhenTheTokenNamesAnUnknownKeyThenTheRefetchRunsOffTheCallingThread() throws Exception {
    GoogleIdTokenVerifier verifier = verifier();
    assertThat(verifier.prefetch()).isTrue();
    InvokerGuard guard = guard(verifier, "user:alice@example.com").build();
    keyEndpoint.resetRequests();
    issuer.rotateKeys();
    serveIssuerKeys();

    Called rotated = onEventLoop(guard, request(alice()));

    assertThat(rotated.doneOnReturn()).isFalse();
    assertThat(rotated.decision().status()).isEqualTo(200);
    assertThat(NonBlockingThreads.blockedCalls()).isEmpty();
    assertThat(keyFetches()).isEqualTo(1);
  }

  @Test
  void checkAsyncWhenTheCallersGroupsAreNotCachedThenTheResolverRunsOffTheCallingThread() throws Exception {
    GoogleIdTokenVerifier verifier = verifier();
    assertThat(verifier.prefetch()).isTrue();
    AtomicInteger lookups = new AtomicInteger();
    GroupResolver slowDirectory = caller -> {
      lookups.incrementAndGet();
      try {
        Thread.sleep(SLOW_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return Set.of("ops@example.com");
    };
    InvokerGuard guard = guard(verifier, "group:ops@example.com").groupResolver(slowDirectory).build();

    Called miss = onEventLoop(guard, request(alice()));
    assertThat(miss.doneOnReturn()).isFalse();
    assertThat(miss.decision().status()).isEqualTo(200);
    Called hit = onEventLoop(guard, request(alice()));

    assertThat(hit.doneOnReturn()).isTrue();
    assertThat(hit.decision().status()).isEqualTo(200);
    assertThat(lookups).hasValue(1);
    assertThat(NonBlockingThreads.blockedCalls()).isEmpty();
  }

  @Test
  void checkAsyncWhenShadowModeThenTheDecisionIsShadowedAndCountedAsCheckDoes() throws Exception {
    GoogleIdTokenVerifier verifier = verifier();
    assertThat(verifier.prefetch()).isTrue();
    InvokerGuard guard = guard(verifier, "user:alice@example.com").mode(EnforcementMode.SHADOW).build();

    Decision bob = onEventLoop(guard, request(issuer.user("bob@example.com").audience(AUDIENCE).sign()))
        .decision();

    assertThat(bob.shadowed()).isTrue();
    assertThat(bob.status()).isEqualTo(200);
    assertThat(guard.counts().shadowDenied()).isEqualTo(1);
    assertThat(CompletableFuture.completedFuture(bob)).isDone();
  }
}
