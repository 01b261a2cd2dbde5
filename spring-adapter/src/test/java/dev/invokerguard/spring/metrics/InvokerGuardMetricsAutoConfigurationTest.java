package dev.invokerguard.spring.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invokerguard.InvokerGuard;
import dev.invokerguard.micrometer.InvokerGuardMeters;
import dev.invokerguard.micrometer.RequestMetrics;
import dev.invokerguard.request.AccessRequest;
import dev.invokerguard.spring.InvokerGuardAutoConfiguration;
import dev.invokerguard.spring.TestIssuers;
import dev.invokerguard.testing.TestIssuer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The starter's meters in Spring Boot's own meter registry, and no meters without Micrometer. */
class InvokerGuardMetricsAutoConfigurationTest {
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
            MetricsAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
            InvokerGuardAutoConfiguration.class, InvokerGuardMetricsAutoConfiguration.class))
        .withPropertyValues("invokerguard.policy=classpath:invokerguard/policy.yaml",
            "invokerguard.audiences=" + AUDIENCE, "invokerguard.jwks-uri=" + issuer.jwksUri());
  }

  static void get(InvokerGuard guard, String path, String token) {
    AccessRequest.Builder request = AccessRequest.builder("GET", "svc.example.com", path);
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    guard.check(request.build());
  }

  @Test
  void requestsWhenDecidedThenTimedInBootsRegistryByOutcomeReasonStatusAndMode() {
    runner().run(context -> {
      MeterRegistry registry = context.getBean(MeterRegistry.class);
      InvokerGuard guard = context.getBean(InvokerGuard.class);

      get(guard, "/private/a", issuer.user("alice@example.com").audience(AUDIENCE).sign());
      get(guard, "/private/a", null);
      get(guard, "/private/a", null);

      assertThat(registry.get(RequestMetrics.REQUESTS).tags("outcome", "allow", "reason", "GRANTED",
          "status", "200", "mode", "enforce").timer().count()).isEqualTo(1);
      assertThat(registry.get(RequestMetrics.REQUESTS).tags("outcome", "deny", "reason", "NO_CREDENTIALS",
          "status", "401", "mode", "enforce").timer().count()).isEqualTo(2);
    });
  }

  @Test
  void metersWhenBoundByBootThenKeysTokenCacheAndPolicyAreRead() {
    runner().run(context -> {
      MeterRegistry registry = context.getBean(MeterRegistry.class);
      InvokerGuard guard = context.getBean(InvokerGuard.class);
      String alice = issuer.user("alice@example.com").audience(AUDIENCE).sign();

      get(guard, "/private/a", alice);
      get(guard, "/private/b", alice);

      assertThat(registry.get("invokerguard.token.cache.gets").tags("result", "hit").functionCounter().count())
          .as("the second request skipped the signature check").isEqualTo(1);
      assertThat(registry.get("invokerguard.token.cache.gets").tags("result", "miss").functionCounter().count())
          .isEqualTo(1);
      assertThat(registry.get("invokerguard.keys.fetches").tags("key.set", issuer.jwksUri().toString())
          .functionCounter().count()).isGreaterThanOrEqualTo(1);
      assertThat(registry.get("invokerguard.policy.age").gauge().value()).isGreaterThanOrEqualTo(0);
      assertThat(registry.get("invokerguard.policy.reload.failures").functionCounter().count()).isZero();
    });
  }

  @Test
  void contextWhenMicrometerAbsentThenNoMetersAndTheGuardRuns() {
    new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(
            InvokerGuardAutoConfiguration.class, InvokerGuardMetricsAutoConfiguration.class))
        .withPropertyValues("invokerguard.policy=classpath:invokerguard/policy.yaml",
            "invokerguard.audiences=" + AUDIENCE, "invokerguard.jwks-uri=" + issuer.jwksUri())
        .withClassLoader(new FilteredClassLoader(MeterBinder.class))
        .run(context -> assertThat(context).hasNotFailed().hasSingleBean(InvokerGuard.class)
            .doesNotHaveBean(InvokerGuardMeters.class).doesNotHaveBean(RequestMetrics.class));
  }

  @Test
  void contextWhenInvokerGuardMicrometerExcludedThenNoMetersAndTheGuardRuns() {
    runner().withClassLoader(new FilteredClassLoader(RequestMetrics.class)).run(context -> assertThat(context)
        .hasNotFailed().hasSingleBean(InvokerGuard.class).doesNotHaveBean(InvokerGuardMeters.class));
  }
}
