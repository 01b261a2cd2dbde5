package dev.invokerguard.spring.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invokerguard.InvokerGuard;
import dev.invokerguard.request.AccessRequest;
import dev.invokerguard.spring.InvokerGuardAutoConfiguration;
import dev.invokerguard.spring.TestIssuers;
import dev.invokerguard.testing.TestIssuer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class InvokerGuardMetersTest {
  static final String AUDIENCE = "https://svc.example.com";
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
    return new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(
            InvokerGuardAutoConfiguration.class, InvokerGuardMetricsAutoConfiguration.class))
        .withPropertyValues("invokerguard.policy=classpath:invokerguard/policy.yaml",
            "invokerguard.audiences=" + AUDIENCE, "invokerguard.jwks-uri=" + issuer.jwksUri());
  }

  @Test
  void metersWhenDecisionsTakenThenCountedByOutcomeAndStatusWithKeyAndPolicyState() {
    runner().run(context -> {
      MeterRegistry registry = new SimpleMeterRegistry();
      context.getBean(InvokerGuardMeters.class).bindTo(registry);
      InvokerGuard guard = context.getBean(InvokerGuard.class);
      String alice = issuer.user("alice@example.com").audience(AUDIENCE).sign();

      guard.check(AccessRequest.builder("GET", "svc.example.com", "/private/a")
          .header("Authorization", "Bearer " + alice).build());
      guard.check(AccessRequest.builder("GET", "svc.example.com", "/private/a").build());
      guard.check(AccessRequest.builder("GET", "svc.example.com", "/private/a").build());

      assertThat(registry.get("invokerguard.decisions").tags("outcome", "allowed", "mode", "enforce")
          .functionCounter().count()).isEqualTo(1);
      assertThat(registry.get("invokerguard.decisions").tags("outcome", "denied", "status", "401")
          .functionCounter().count()).isEqualTo(2);
      assertThat(registry.get("invokerguard.keys.fetches").tags("key.set", issuer.jwksUri().toString())
          .functionCounter().count()).isGreaterThanOrEqualTo(1);
      assertThat(registry.get("invokerguard.keys.age").gauge().value()).isGreaterThanOrEqualTo(0);
      assertThat(registry.get("invokerguard.policy.age").gauge().value()).isGreaterThanOrEqualTo(0);
      assertThat(registry.get("invokerguard.policy.reload.failures").functionCounter().count()).isZero();
    });
  }

  @Test
  void contextWhenMicrometerAbsentThenNoMetersAndTheGuardRuns() {
    runner().withClassLoader(new FilteredClassLoader(MeterBinder.class)).run(context -> assertThat(context)
        .hasNotFailed().hasSingleBean(InvokerGuard.class).doesNotHaveBean(InvokerGuardMeters.class));
  }
}
