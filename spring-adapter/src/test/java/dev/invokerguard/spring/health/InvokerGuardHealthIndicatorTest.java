package dev.invokerguard.spring.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invokerguard.runtime.GuardRuntime;
import dev.invokerguard.spring.InvokerGuardAutoConfiguration;
import java.util.concurrent.TimeUnit;
import dev.invokerguard.testing.TestIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

class InvokerGuardHealthIndicatorTest {

  static ApplicationContextRunner runner(TestIssuer issuer) {
    return new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(
            InvokerGuardAutoConfiguration.class, InvokerGuardHealthAutoConfiguration.class))
        .withPropertyValues("invokerguard.policy=classpath:invokerguard/policy.yaml",
            "invokerguard.audiences=https://svc.example.com", "invokerguard.jwks-uri=" + issuer.jwksUri());
  }

  /** Waits for the key fetch the runtime started at start-up and did not wait for. */
  private static boolean keysPrefetched(ApplicationContext context) throws Exception {
    return context.getBean(GuardRuntime.class).keysPrefetched().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Test
  void healthWhenPolicyLoadedAndKeysFetchedThenUpWithPolicyAndKeyDetails() {
    try (TestIssuer issuer = TestIssuer.start()) {
      runner(issuer).run(context -> {
        assertThat(keysPrefetched(context)).isTrue();
        Health health = context.getBean(InvokerGuardHealthIndicator.class).health();

        assertThat(health.getStatus()).as(health.toString()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsKeys("policyEtag", "keySources");
      });
    }
  }

  @Test
  void healthWhenKeyEndpointDownFromTheStartThenDownWithTheReason() {
    try (TestIssuer issuer = TestIssuer.start()) {
      issuer.keyEndpointStatus(500);
      runner(issuer).run(context -> {
        assertThat(keysPrefetched(context)).isFalse();
        Health health = context.getBean(InvokerGuardHealthIndicator.class).health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsKey("reasons");
        assertThat(health.getDetails().get("reasons").toString()).contains("HTTP status 500");
      });
    }
  }

  @Test
  void contextWhenHealthSupportAbsentThenNoIndicatorAndTheGuardRuns() {
    try (TestIssuer issuer = TestIssuer.start()) {
      runner(issuer).withClassLoader(new FilteredClassLoader(HealthIndicator.class)).run(context ->
          assertThat(context).hasNotFailed().doesNotHaveBean(InvokerGuardHealthIndicator.class));
    }
  }
}
