package dev.invokerguard.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invokerguard.InvokerGuard;
import dev.invokerguard.policy.source.PolicySource;
import dev.invokerguard.request.AccessRequest;
import dev.invokerguard.runtime.GuardHealth;
import dev.invokerguard.runtime.GuardRuntime;
import dev.invokerguard.tck.InMemoryPolicySource;
import dev.invokerguard.testing.TestIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The application's own {@link PolicySource} bean instead of {@code invokerguard.policy}. */
class InvokerGuardPolicySourceTest {
  static final String AUDIENCE = "https://svc.example.com";
  static final String ALICE_ONLY = """
      {"etag": "YWxpY2U=", "bindings": [{"role": "roles/run.invoker", "members": ["user:alice@example.com"]}]}""";
  static TestIssuer issuer;

  @BeforeAll
  static void startIssuer() {
    issuer = TestIssuers.started();
  }

  @AfterAll
  static void stopIssuer() {
    issuer.close();
  }

  /** No {@code invokerguard.policy}. */
  static ApplicationContextRunner runner() {
    return new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(InvokerGuardAutoConfiguration.class))
        .withPropertyValues("invokerguard.audiences=" + AUDIENCE, "invokerguard.jwks-uri=" + issuer.jwksUri());
  }

  static int status(InvokerGuard guard, String email) {
    return guard.check(AccessRequest.builder("GET", "svc.example.com", "/private/a")
        .header("Authorization", "Bearer " + issuer.user(email).audience(AUDIENCE).sign()).build()).status();
  }

  @Test
  void contextWhenApplicationDefinesPolicySourceThenStartsWithoutPolicyPropertyAndFollowsItsReloads() {
    InMemoryPolicySource source = InMemoryPolicySource.of(ALICE_ONLY);
    runner().withBean(PolicySource.class, () -> source).run(context -> {
      assertThat(context).hasNotFailed();
      GuardRuntime runtime = context.getBean(GuardRuntime.class);
      InvokerGuard guard = context.getBean(InvokerGuard.class);
      assertThat(runtime.settings().policy()).isEmpty();
      assertThat(status(guard, "alice@example.com")).isEqualTo(200);
      assertThat(status(guard, "bob@example.com")).isEqualTo(403);
      assertThat(runtime.policyStatus().etag()).isEqualTo("YWxpY2U=");
      assertThat(runtime.health().status()).isEqualTo(GuardHealth.Status.UP);

      source.replace("""
          {"etag": "Ym9i", "bindings": [{"role": "roles/run.invoker", "members": ["user:bob@example.com"]}]}""");

      assertThat(status(guard, "bob@example.com")).isEqualTo(200);
      assertThat(status(guard, "alice@example.com")).isEqualTo(403);
      assertThat(runtime.policyStatus().etag()).isEqualTo("Ym9i");
    });
  }

  @Test
  void contextWhenPolicySourceAndPolicyPropertyThenStartFailsNamingTheSetting() {
    runner().withBean(PolicySource.class, () -> InMemoryPolicySource.of(ALICE_ONLY))
        .withPropertyValues("invokerguard.policy=classpath:invokerguard/collaborators-policy.yaml")
        .run(context -> assertThat(new InvokerGuardFailureAnalyzer().analyze(context.getStartupFailure())
            .getDescription()).contains("invokerguard.policy (INVOKERGUARD_POLICY)", "PolicySource"));
  }

  @Test
  void contextWhenNeitherPolicySourceNorPolicyPropertyThenStartFailsNamingTheSetting() {
    runner().run(context -> assertThat(new InvokerGuardFailureAnalyzer().analyze(context.getStartupFailure())
        .getDescription()).contains("invokerguard.policy (INVOKERGUARD_POLICY) is required"));
  }
}
