package dev.invokerguard.micronaut;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invokerguard.micronaut.health.InvokerGuardHealthIndicator;
import dev.invokerguard.tck.sample.RawHttp;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guard's health in Micronaut's {@code /health} endpoint (micronaut-management), which is behind the
 * invoker check like every path; and an application without micronaut-management, which runs without it.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HealthEndpointTest implements TestPropertyProvider {
  @Inject
  EmbeddedServer server;

  @Override
  public Map<String, String> getProperties() {
    // whoever passes the invoker check on /health may see the details
    return Issuer.settings("endpoints.health.details-visible", "ANONYMOUS");
  }

  @Test
  void healthWhenGrantedCallerThenUpWithTheGuardsDetails() throws Exception {
    // bob is granted every path on the host admin.localhost (test-policy.yaml)
    RawHttp.Response response = new RawHttp(server.getPort()).getWithToken("/health",
        Issuer.user("bob@example.com"), "Host: admin.localhost");

    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    assertThat(response.body()).contains("\"invokerGuard\"", "\"status\":\"UP\"", "\"policyEtag\":\"sha256:",
        "\"keySources\"");
  }

  @Test
  void healthWhenAnonymousThenTheInvokerCheckAnswers401() throws Exception {
    RawHttp.Response response = new RawHttp(server.getPort()).get("/health");

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.body()).doesNotContain("invokerGuard");
  }

  @Test
  void indicatorWhenPolicyReloadsFailThenDegradedWithThePolicyError(@TempDir Path directory) throws Exception {
    Path policy = directory.resolve("policy.yaml");
    try (InputStream in = getClass().getResourceAsStream("/test-policy.yaml")) {
      Files.copy(in, policy);
    }
    try (ApplicationContext context = ApplicationContext.builder().environments(Environment.TEST)
        .properties(Map.of("invokerguard.policy", policy.toString(), "invokerguard.audiences", Issuer.AUDIENCE,
            "invokerguard.jwks-uri", Issuer.ISSUER.jwksUri().toString(),
            "invokerguard.policy-refresh-interval", "1s")).start()) {
      InvokerGuardHealthIndicator indicator = context.getBean(InvokerGuardHealthIndicator.class);

      Files.writeString(policy, "bindings: [ not a policy");
      HealthResult result = HealthResults.first(indicator.getResult());
      Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
      while (!result.getStatus().equals(InvokerGuardHealthIndicator.DEGRADED) && Instant.now().isBefore(deadline)) {
        Thread.sleep(200);
        result = HealthResults.first(indicator.getResult());
      }

      assertThat(result.getStatus()).as("%s", result.getDetails()).isEqualTo(InvokerGuardHealthIndicator.DEGRADED);
      assertThat(result.getDetails().toString()).contains("policyEtag=", "policyError=", "reasons=");
    }
  }

  @Test
  void indicatorWhenGuardDisabledThenAbsent() {
    try (ApplicationContext context = ApplicationContext.builder().environments(Environment.TEST)
        .properties(Map.of("invokerguard.enabled", "false")).start()) {
      assertThat(context.findBean(InvokerGuardHealthIndicator.class)).isEmpty();
    }
  }

  @Test
  void startWhenManagementAbsentThenNoIndicatorAndTheGuardServes() throws Exception {
    ChildJvm.Result child = ChildJvm.run(Map.of("INVOKERGUARD_POLICY", "classpath:test-policy.yaml",
            "INVOKERGUARD_AUDIENCES", Issuer.AUDIENCE, "INVOKERGUARD_JWKS_URI", Issuer.ISSUER.jwksUri().toString()),
        entry -> entry.contains("micronaut-management"), Issuer.user("alice@example.com"));

    assertThat(ChildJvm.classPath(entry -> false)).as("the test class path has micronaut-management")
        .contains("micronaut-management");
    assertThat(child.exitStatus()).as(child.toString()).isZero();
    assertThat(child.value("healthIndicator")).isEqualTo("absent");
    assertThat(child.value("status")).isEqualTo("200");
  }
}
