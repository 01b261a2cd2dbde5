package dev.invokerguard.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invokerguard.DecisionEvent;
import dev.invokerguard.DecisionListener;
import dev.invokerguard.InvokerGuard;
import dev.invokerguard.identity.GroupResolver;
import dev.invokerguard.policy.source.ApiCredentials;
import dev.invokerguard.policy.source.PolicySource;
import dev.invokerguard.request.AccessRequest;
import dev.invokerguard.runtime.GuardHealth;
import dev.invokerguard.runtime.GuardRuntime;
import dev.invokerguard.runtime.VerifierCustomizer;
import dev.invokerguard.tck.InMemoryPolicySource;
import dev.invokerguard.testing.TestIssuer;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.Ordered;

/**
 * Application beans replace the runtime's collaborators (policy source, clock, groups, API credentials) and
 * customize it, and the guard really uses them.
 */
class InvokerGuardCollaboratorsTest {
  static final String AUDIENCE = "https://svc.example.com";
  static final Clock IN_2031 = Clock.fixed(Instant.parse("2031-06-01T00:00:00Z"), ZoneOffset.UTC);
  static final String ALICE_ONLY = """
      {"etag": "YWxpY2U=", "bindings": [{"role": "roles/run.invoker", "members": ["user:alice@example.com"]}]}""";
  static final Clock IN_2029 = Clock.fixed(Instant.parse("2029-06-01T00:00:00Z"), ZoneOffset.UTC);
  static TestIssuer issuer;

  @BeforeAll
  static void startIssuer() {
    issuer = TestIssuers.started();
  }

  @AfterAll
  static void stopIssuer() {
    issuer.close();
  }

  static ApplicationContextRunner runner() {
    return runnerWithoutPolicy()
        .withPropertyValues("invokerguard.policy=classpath:invokerguard/collaborators-policy.yaml");
  }

  /** No {@code invokerguard.policy}: for an application's own {@link PolicySource}. */
  static ApplicationContextRunner runnerWithoutPolicy() {
    return new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(InvokerGuardAutoConfiguration.class))
        .withPropertyValues("invokerguard.audiences=" + AUDIENCE, "invokerguard.jwks-uri=" + issuer.jwksUri());
  }

  static int status(InvokerGuard guard, String path, String email) {
    AccessRequest.Builder request = AccessRequest.builder("GET", "svc.example.com", path);
    if (email != null) {
      request.header("Authorization", "Bearer " + issuer.user(email).audience(AUDIENCE).sign());
    }
    return guard.check(request.build()).status();
  }

  @Test
  void defaultsWhenNoApplicationBeansThenSystemClockNoGroupsAndApplicationDefaultCredentials() {
    runner().run(context -> {
      assertThat(context).hasSingleBean(Clock.class).hasSingleBean(GroupResolver.class)
          .hasSingleBean(ApiCredentials.class);
      assertThat(context.getBean(Clock.class).getZone()).isEqualTo(ZoneOffset.UTC);
      assertThat(context.getBean(GroupResolver.class)).isSameAs(GroupResolver.NONE);
      InvokerGuard guard = context.getBean(InvokerGuard.class);

      assertThat(status(guard, "/from-2030/a", null)).as("not yet 2030").isEqualTo(401);
      assertThat(status(guard, "/admin/a", "carol@example.com")).as("no groups").isEqualTo(403);
      assertThat(status(guard, "/private/a", "alice@example.com")).isEqualTo(200);
    });
  }

  @Test
  void clockWhenApplicationDefinesOneThenItDecidesTimeConditions() {
    runner().withBean(Clock.class, () -> IN_2031).run(context -> {
      assertThat(context).hasSingleBean(Clock.class);

      assertThat(status(context.getBean(InvokerGuard.class), "/from-2030/a", null)).isEqualTo(200);
    });
  }

  @Test
  void groupResolverWhenApplicationDefinesOneThenItDecidesGroupBindings() {
    GroupResolver directory = caller -> caller.email().orElse("").equals("carol@example.com")
        ? Set.of("admins@example.com") : Set.of();
    runner().withBean(GroupResolver.class, () -> directory).run(context -> {
      InvokerGuard guard = context.getBean(InvokerGuard.class);

      assertThat(status(guard, "/admin/a", "carol@example.com")).isEqualTo(200);
      assertThat(status(guard, "/admin/a", "dave@example.com")).isEqualTo(403);
    });
  }

  @Test
  void groupResolverWhenGroupsSettingAlsoSetThenStartFailsNamingTheSetting() {
    runner().withBean(GroupResolver.class, () -> caller -> Set.of())
        .withPropertyValues("invokerguard.groups=classpath:invokerguard/groups.yaml")
        .run(context -> assertThat(new InvokerGuardFailureAnalyzer().analyze(context.getStartupFailure())
            .getDescription()).contains("invokerguard.groups (INVOKERGUARD_GROUPS)", "GroupResolver"));
  }

  @Test
  void apiCredentialsWhenApplicationDefinesThemThenCloudRunPolicyCallsUseThem() {
    CompletableFuture<URI> asked = new CompletableFuture<>();
    ApiCredentials credentials = uri -> {
      asked.complete(uri);
      throw new IOException("the test's credentials refuse to authenticate");
    };
    runner().withBean(ApiCredentials.class, () -> credentials)
        .withPropertyValues("invokerguard.policy=cloudrun://projects/p/locations/us-central1/services/s")
        .run(context -> {
          assertThat(asked.get(60, TimeUnit.SECONDS).toString()).contains("projects/p", "services/s");
          GuardRuntime runtime = context.getBean(GuardRuntime.class);

          assertThat(status(runtime.guard(), "/private/a", "alice@example.com")).isEqualTo(503);
          assertThat(policyError(runtime)).contains("the test's credentials refuse to authenticate");
        });
  }

  /** The policy's last error, once the failed fetch is recorded (it may be recorded after the call). */
  private static String policyError(GuardRuntime runtime) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (runtime.health().policyError() == null && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    return runtime.health().policyError();
  }

  @Test
  void policySourceWhenApplicationDefinesOneThenStartsWithoutPolicyPropertyAndFollowsItsReloads() {
    InMemoryPolicySource source = InMemoryPolicySource.of(ALICE_ONLY);
    runnerWithoutPolicy().withBean(PolicySource.class, () -> source).run(context -> {
      assertThat(context).hasNotFailed();
      GuardRuntime runtime = context.getBean(GuardRuntime.class);
      InvokerGuard guard = context.getBean(InvokerGuard.class);
      assertThat(runtime.settings().policy()).isEmpty();
      assertThat(status(guard, "/private/a", "alice@example.com")).isEqualTo(200);
      assertThat(status(guard, "/private/a", "bob@example.com")).isEqualTo(403);
      assertThat(runtime.policyStatus().etag()).isEqualTo("YWxpY2U=");
      assertThat(runtime.health().status()).isEqualTo(GuardHealth.Status.UP);

      source.replace("""
          {"etag": "Ym9i", "bindings": [{"role": "roles/run.invoker", "members": ["user:bob@example.com"]}]}""");

      assertThat(status(guard, "/private/a", "bob@example.com")).isEqualTo(200);
      assertThat(status(guard, "/private/a", "alice@example.com")).isEqualTo(403);
      assertThat(runtime.policyStatus().etag()).isEqualTo("Ym9i");
    });
  }

  @Test
  void policySourceWhenPolicyPropertyAlsoSetThenStartFailsNamingTheSetting() {
    runnerWithoutPolicy().withBean(PolicySource.class, () -> InMemoryPolicySource.of(ALICE_ONLY))
        .withPropertyValues("invokerguard.policy=classpath:invokerguard/collaborators-policy.yaml")
        .run(context -> assertThat(new InvokerGuardFailureAnalyzer().analyze(context.getStartupFailure())
            .getDescription()).contains("invokerguard.policy (INVOKERGUARD_POLICY)", "PolicySource"));
  }

  @Test
  void policySourceWhenNeitherItNorPolicyPropertyThenStartFailsNamingTheSetting() {
    runnerWithoutPolicy().run(context -> assertThat(new InvokerGuardFailureAnalyzer()
        .analyze(context.getStartupFailure()).getDescription())
        .contains("invokerguard.policy (INVOKERGUARD_POLICY) is required"));
  }

  @Test
  void verifierCustomizerWhenDefinedThenTheVerifierIsAdjusted() {
    VerifierCustomizer shortTokens = verifier -> verifier.maxTokenLength(300);
    runner().withBean(VerifierCustomizer.class, () -> shortTokens).run(context ->
        assertThat(status(context.getBean(InvokerGuard.class), "/private/a", "alice@example.com"))
            .as("alice's token is longer than 300 characters").isEqualTo(401));
  }

  @Test
  void decisionListenersWhenDefinedThenEachHearsEveryDecisionInOrder() {
    List<String> heard = new CopyOnWriteArrayList<>();
    runner().withBean("second", DecisionListener.class, () -> new OrderedListener(2, "second", heard))
        .withBean("first", DecisionListener.class, () -> new OrderedListener(1, "first", heard))
        .run(context -> {
          status(context.getBean(InvokerGuard.class), "/private/a", "alice@example.com");

          assertThat(heard).containsExactly("first ALLOW /private/a", "second ALLOW /private/a");
        });
  }

  @Test
  void customizersWhenSeveralThenAllAppliedInOrderTheLastWinning() {
    List<String> heard = new CopyOnWriteArrayList<>();
    runner().withBean("late", InvokerGuardCustomizer.class, () -> new OrderedCustomizer(2, runtime -> runtime
            .clock(IN_2031).listener(event -> heard.add("late " + event.decision().status()))))
        .withBean("early", InvokerGuardCustomizer.class, () -> new OrderedCustomizer(1, runtime -> runtime
            .clock(IN_2029).listener(event -> heard.add("early " + event.decision().status()))))
        .run(context -> {
          assertThat(status(context.getBean(InvokerGuard.class), "/from-2030/a", null))
              .as("decided by the later customizer's clock").isEqualTo(200);
          assertThat(heard).containsExactly("early 200", "late 200");
        });
  }

  /** A decision listener at a given order recording what it hears. */
  record OrderedListener(int order, String name, List<String> heard) implements DecisionListener, Ordered {
    @Override
    public void onDecision(DecisionEvent event) {
      heard.add(name + " " + (event.decision().allowed() ? "ALLOW" : "DENY") + " " + event.decision().request().path());
    }

    @Override
    public int getOrder() {
      return order;
    }
  }

  /** A customizer at a given order. */
  record OrderedCustomizer(int order, InvokerGuardCustomizer body) implements InvokerGuardCustomizer, Ordered {
    @Override
    public void customize(GuardRuntime.Builder runtime) {
      body.customize(runtime);
    }

    @Override
    public int getOrder() {
      return order;
    }
  }
}
