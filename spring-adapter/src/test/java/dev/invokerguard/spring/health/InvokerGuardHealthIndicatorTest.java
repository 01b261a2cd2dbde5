package dev.invokerguard.spring.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invokerguard.spring.InvokerGuardAutoConfiguration;
import dev.invokerguard.testing.TestIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class InvokerGuardHealthIndicatorTest {

  static ApplicationContextRunner runner(TestIssuer issuer) {
    return new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(
            InvokerGuardAutoConfiguration.class, InvokerGuardHealthAutoConfiguration.class))
        .withPropertyValues("invokerguard.policy=classpath:invokerguard/policy.yaml",
            "invokerguard.audiences=https://svc.example.com", "invokerguard.jwks-uri=" + issuer.jwksUri());
  }

  @Test
  void healthWhenPolicyLoadedAndKeysFetchedThenUpWithPolicyAndKeyDetails() {
    try (TestIssuer issuer = TestIssuer.start()) {
      runner(issuer).run(context -> {
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
        Health health = context.getBean(InvokerGuardHealthIndicator.class).health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsKey("reasons");
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
