package dev.invokerguard.micronaut;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.invokerguard.request.AccessRequest;
import dev.invokerguard.InvokerGuard;
import dev.invokerguard.client.GoogleIdTokenSource;
import dev.invokerguard.client.OutboundTokens;
import dev.invokerguard.micronaut.client.FilterThreads;
import dev.invokerguard.micronaut.client.MetadataCredentialsFactory;
import dev.invokerguard.micronaut.client.OutboundSettings;
import dev.invokerguard.testing.FakeMetadataServer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.runtime.server.EmbeddedServer;
import io.netty.channel.EventLoopGroup;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockHound;

/**
 * No Netty event-loop thread waits while a request needs a key fetch: BlockHound (with Netty's own integration,
 * which marks event-loop threads as non-blocking) records every blocking call made on such a thread. Runs in a
 * JVM of its own (surefire execution {@code event-loop-blocking}, {@code -XX:+AllowRedefinitionToAddDeleteMethods}).
 */
class EventLoopBlockingTest {
  private static final List<String> BLOCKED = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void installBlockHound() {
    assumeTrue(ManagementFactory.getRuntimeMXBean().getInputArguments()
            .contains("-XX:+AllowRedefinitionToAddDeleteMethods"),
        "BlockHound needs -XX:+AllowRedefinitionToAddDeleteMethods on JDK 13+: run it as"
            + " mvn -pl micronaut-adapter verify (surefire execution event-loop-blocking)");
    // install(...) loads the integrations on the class path (Netty's, Reactor's) before this one.
    BlockHound.install(builder -> builder
        .blockingMethodCallback(method -> BLOCKED.add(Thread.currentThread().getName() + ": " + method)));
  }

  @BeforeEach
  void forgetEarlierCalls() {
    BLOCKED.clear();
  }

  /** A token signed by a published key but naming a key id the issuer does not publish: the guard refetches. */
  private static String unknownKeyIdToken() {
    return Issuer.ISSUER.user("alice@example.com").audience(Issuer.AUDIENCE).keyId("not-yet-published").sign();
  }

  @Test
  void filterWhenRequestNeedsAKeyFetchThenNoEventLoopThreadBlocks() throws Exception {
    try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class,
        new java.util.HashMap<>(Issuer.settings()), Environment.TEST)) {
      RawHttp http = new RawHttp(server.getPort());
      Issuer.ISSUER.keyEndpointDelay(Duration.ofMillis(200));
      try {
        int fetchesBefore = Issuer.ISSUER.keyRequests();
        RawHttp.Response refetched = http.getWithToken("/private/x", unknownKeyIdToken());
        RawHttp.Response allowed = http.getWithToken("/private/x", Issuer.user("alice@example.com"));

        assertThat(Issuer.ISSUER.keyRequests()).as("the unknown key id made the guard fetch keys")
            .isGreaterThan(fetchesBefore);
        assertThat(refetched.status()).isEqualTo(401);
        assertThat(allowed.status()).isEqualTo(200);
      } finally {
        Issuer.ISSUER.keyEndpointDelay(Duration.ZERO);
      }
      assertThat(BLOCKED).isEmpty();
    }
  }

  @Test
  void clientFilterWhenAControllerOnTheEventLoopCallsATargetThenNoEventLoopThreadBlocks() throws Exception {
    int port = OutboundSettings.freePort();
    try (FakeMetadataServer metadata = FakeMetadataServer.start(Issuer.ISSUER, OutboundSettings.SERVICE_ACCOUNT);
        EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class,
            new java.util.HashMap<>(OutboundSettings.of(Issuer.ISSUER, metadata, port)), Environment.TEST)) {
      RawHttp http = new RawHttp(server.getPort());
      // Micronaut initializes the controller, its HttpClient (an SSL context) and its factories lazily, on the
      // event loop, during the first request: a call to a path that is no target's does it before the count
      assertThat(http.get("/public/call/public/headers").body()).isEqualTo(
          "status=200 body=authorization=none serverless=none");
      BLOCKED.clear();
      FilterThreads.NAMES.clear();

      RawHttp.Response minted = http.get("/public/call/private/x");
      RawHttp.Response cached = http.get("/public/call/private/x");

      String granted = "status=200 body=caller=serviceAccount:" + OutboundSettings.SERVICE_ACCOUNT;
      assertThat(minted.body()).as("the first call waited for a mint").startsWith(granted);
      assertThat(cached.body()).as("the second used the held token").startsWith(granted);
      assertThat(metadata.identityRequests()).isEqualTo(1);
      assertThat(FilterThreads.NAMES).as("the client filters ran on an event loop").hasSize(2)
          .allSatisfy(name -> assertThat(name).containsIgnoringCase("eventLoop"));
      assertThat(BLOCKED).isEmpty();
    }
  }

  @Test
  void detectorWhenAThreadOnTheEventLoopWaitsForAMintThenItReportsTheWait() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    ExecutorService refresh = Executors.newSingleThreadExecutor();
    try (FakeMetadataServer metadata = FakeMetadataServer.start(Issuer.ISSUER, OutboundSettings.SERVICE_ACCOUNT);
        ApplicationContext context = ApplicationContext.builder().environments(Environment.TEST)
            .properties(new java.util.HashMap<>(Issuer.settings())).start()) {
      OutboundTokens tokens = OutboundTokens.builder().target(OutboundSettings.AUDIENCE)
          .sources(audience -> GoogleIdTokenSource.builder(audience)
              .credentials(new MetadataCredentialsFactory().metadataServerCredentials(metadata.host()))
              .refreshExecutor(task -> refresh.execute(() -> awaitThenRun(gate, task)))
              .build())
          .build();
      EventLoopGroup eventLoops = context.getBean(EventLoopGroup.class);
      AtomicReference<Thread> waiting = new AtomicReference<>();

      Future<?> blocking = eventLoops.submit(() -> {
        waiting.set(Thread.currentThread());
        return tokens.header(java.net.URI.create(OutboundSettings.AUDIENCE + "/x"), name -> false);
      });
      while (waiting.get() == null || waiting.get().getState() != Thread.State.TIMED_WAITING) {
        Thread.onSpinWait();
      }
      gate.countDown();
      blocking.get(60, TimeUnit.SECONDS);

      assertThat(BLOCKED).as("what the client filter must never do").isNotEmpty();
    } finally {
      refresh.shutdownNow();
    }
  }

  private static void awaitThenRun(CountDownLatch gate, Runnable task) {
    try {
      gate.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    task.run();
  }

  @Test
  void detectorWhenTheCheckRunsOnAnEventLoopThreadThenItReportsTheWait() throws Exception {
    try (ApplicationContext context = ApplicationContext.builder().environments(Environment.TEST)
        .properties(new java.util.HashMap<>(Issuer.settings())).start()) {
      InvokerGuard guard = context.getBean(InvokerGuard.class);
      EventLoopGroup eventLoops = context.getBean(EventLoopGroup.class);
      AccessRequest request = AccessRequest.builder("GET", "svc.example.com", "/private/x")
          .header("Authorization", "Bearer " + unknownKeyIdToken()).build();

      eventLoops.submit(() -> guard.check(request)).get(10, TimeUnit.SECONDS);

      assertThat(BLOCKED).as("what the filter must never do").isNotEmpty();
    }
  }
}
