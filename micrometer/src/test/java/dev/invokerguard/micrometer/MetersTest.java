package dev.invokerguard.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invokerguard.InvokerGuard;
import dev.invokerguard.request.AccessRequest;
import dev.invokerguard.runtime.GuardRuntime;
import dev.invokerguard.runtime.GuardSettings;
import dev.invokerguard.testing.TestIssuer;
import dev.invokerguard.testing.WithTestIssuer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both binders against a real runtime: a real policy file, real tokens from a local key endpoint. */
@WithTestIssuer
class MetersTest {
  private static final String AUDIENCE = "https://svc.example.com";
  private static final String POLICY = """
      {"bindings": [{"role": "roles/run.invoker", "members": ["user:alice@example.com"]}], "etag": "BwY="}
      """;

  private final TestIssuer issuer;
  private final MeterRegistry registry = new SimpleMeterRegistry();
  private final RequestMetrics requests = new RequestMetrics();
  private GuardRuntime runtime;

  MetersTest(TestIssuer issuer) {
    this.issuer = issuer;
  }

  @BeforeEach
  void start(@TempDir Path dir) throws Exception {
    Path policy = Files.writeString(dir.resolve("policy.json"), POLICY);
    runtime = GuardRuntime.builder(GuardSettings.builder().policy(policy.toString()).audiences(AUDIENCE)
            .jwksUri(issuer.jwksUri()).build())
        .listener(requests).start();
    requests.bindTo(registry);
    new InvokerGuardMeters(runtime).bindTo(registry);
  }

  @AfterEach
  void stop() {
    runtime.close();
  }

  private void get(String path, String token) {
    AccessRequest.Builder request = AccessRequest.builder("GET", "svc.example.com", path);
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    runtime.guard().check(request.build());
  }

  @Test
  void requestsWhenDecisionsTakenThenTimedByOutcomeReasonStatusAndMode() {
    String alice = issuer.user("alice@example.com").audience(AUDIENCE).sign();
    String bob = issuer.user("bob@example.com").audience(AUDIENCE).sign();

    get("/a", alice);
    get("/a", alice);
    get("/a", bob);
    get("/a", null);

    assertThat(timer("allow", "GRANTED", "200").count()).isEqualTo(2);
    assertThat(timer("deny", "NO_BINDING", "403").count()).isEqualTo(1);
    assertThat(timer("deny", "NO_CREDENTIALS", "401").count()).isEqualTo(1);
    assertThat(timer("allow", "GRANTED", "200").totalTime(java.util.concurrent.TimeUnit.NANOSECONDS))
        .isPositive();
    assertThat(registry.find(RequestMetrics.REQUESTS).timers()).hasSize(3);
  }

  @Test
  void requestsWhenBoundToTwoRegistriesThenEachRecords() {
    MeterRegistry second = new SimpleMeterRegistry();
    requests.bindTo(second);

    get("/a", issuer.user("alice@example.com").audience(AUDIENCE).sign());

    assertThat(timer("allow", "GRANTED", "200").count()).isEqualTo(1);
    assertThat(second.get(RequestMetrics.REQUESTS).tags("reason", "GRANTED").timer().count()).isEqualTo(1);
  }

  @Test
  void metersWhenSameTokenTwiceThenOneCacheMissOneHitAndKeyAndPolicyState() {
    String alice = issuer.user("alice@example.com").audience(AUDIENCE).sign();

    get("/a", alice);
    get("/a", alice);

    assertThat(registry.get("invokerguard.token.cache.gets").tags("result", "hit").functionCounter().count())
        .isEqualTo(1);
    assertThat(registry.get("invokerguard.token.cache.gets").tags("result", "miss").functionCounter().count())
        .isEqualTo(1);
    assertThat(registry.get("invokerguard.token.cache.size").gauge().value()).isEqualTo(1);
    assertThat(registry.get("invokerguard.keys.fetches").tags("key.set", issuer.jwksUri().toString())
        .functionCounter().count()).isGreaterThanOrEqualTo(1);
    assertThat(registry.get("invokerguard.keys.age").gauge().value()).isGreaterThanOrEqualTo(0);
    assertThat(registry.get("invokerguard.policy.age").gauge().value()).isGreaterThanOrEqualTo(0);
    assertThat(registry.get("invokerguard.policy.reload.failures").functionCounter().count()).isZero();
  }

  @Test
  void bindToWhenBinderIsNotKeptThenKeyMetersStillReadTheRuntime() throws Exception {
    MeterRegistry fresh = new SimpleMeterRegistry();
    InvokerGuardMeters binder = new InvokerGuardMeters(runtime);
    binder.bindTo(fresh);
    java.lang.ref.WeakReference<InvokerGuardMeters> collected = new java.lang.ref.WeakReference<>(binder);
    binder = null;
    for (int i = 0; i < 50 && collected.get() != null; i++) {
      System.gc();
      Thread.sleep(10);
    }
    org.junit.jupiter.api.Assumptions.assumeTrue(collected.get() == null, "the JVM did not collect the binder");

    get("/a", issuer.user("alice@example.com").audience(AUDIENCE).sign());

    assertThat(fresh.get("invokerguard.keys.fetches").tags("key.set", issuer.jwksUri().toString())
        .functionCounter().count()).isGreaterThanOrEqualTo(1);
    assertThat(fresh.get("invokerguard.keys.age").gauge().value()).isGreaterThanOrEqualTo(0);
  }

  @Test
  void requestsWhenShadowModeDenialThenDenyOutcomeInShadowMode(@TempDir Path dir) throws Exception {
    Path policy = Files.writeString(dir.resolve("policy.json"), POLICY);
    RequestMetrics shadowRequests = new RequestMetrics();
    try (GuardRuntime shadow = GuardRuntime.builder(GuardSettings.builder().policy(policy.toString())
            .audiences(AUDIENCE).jwksUri(issuer.jwksUri()).mode(dev.invokerguard.EnforcementMode.SHADOW).build())
        .listener(shadowRequests).start()) {
      shadowRequests.bindTo(registry);
      InvokerGuard guard = shadow.guard();

      guard.check(AccessRequest.builder("GET", "svc.example.com", "/a").build());

      assertThat(registry.get(RequestMetrics.REQUESTS)
          .tags("outcome", "deny", "reason", "NO_CREDENTIALS", "mode", "shadow").timer().count()).isEqualTo(1);
    }
  }

  private Timer timer(String outcome, String reason, String status) {
    return registry.get(RequestMetrics.REQUESTS)
        .tags("outcome", outcome, "reason", reason, "status", status, "mode", "enforce").timer();
  }
}
