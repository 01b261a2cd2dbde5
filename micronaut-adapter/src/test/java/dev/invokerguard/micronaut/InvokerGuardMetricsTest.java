package dev.invokerguard.micronaut;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invokerguard.micrometer.RequestMetrics;
import dev.invokerguard.tck.sample.RawHttp;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The meters of invokerguard-micrometer in Micronaut's registry, read after real requests; and an application
 * without Micrometer, which runs without them.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InvokerGuardMetricsTest implements TestPropertyProvider {
  @Inject
  EmbeddedServer server;
  @Inject
  MeterRegistry registry;

  @Override
  public Map<String, String> getProperties() {
    return Issuer.settings(TestMeterRegistry.ENABLED, "true");
  }

  private long requests(String outcome, String reason, String status) {
    return Search.in(registry).name(RequestMetrics.REQUESTS)
        .tags("outcome", outcome, "reason", reason, "status", status, "mode", "enforce")
        .timers().stream().mapToLong(timer -> timer.count()).sum();
  }

  @Test
  void requestsWhenDecidedThenTimedByOutcomeReasonStatusAndMode() throws Exception {
    RawHttp http = new RawHttp(server.getPort());
    long granted = requests("allow", "GRANTED", "200");
    long forbidden = requests("deny", "NO_BINDING", "403");
    long anonymous = requests("deny", "NO_CREDENTIALS", "401");

    assertThat(http.getWithToken("/private/x", Issuer.user("alice@example.com")).status()).isEqualTo(200);
    assertThat(http.getWithToken("/private/x", Issuer.user("mallory@example.com")).status()).isEqualTo(403);
    assertThat(http.get("/private/x").status()).isEqualTo(401);

    assertThat(requests("allow", "GRANTED", "200")).isEqualTo(granted + 1);
    assertThat(requests("deny", "NO_BINDING", "403")).isEqualTo(forbidden + 1);
    assertThat(requests("deny", "NO_CREDENTIALS", "401")).isEqualTo(anonymous + 1);
  }

  @Test
  void metersWhenGuardRunningThenKeyAndPolicyMetersReadFromIt() throws Exception {
    assertThat(new RawHttp(server.getPort()).getWithToken("/private/x", Issuer.user("alice@example.com"))
        .status()).isEqualTo(200);

    assertThat(registry.get("invokerguard.keys.fetches").tag("key.set", Issuer.ISSUER.jwksUri().toString())
        .functionCounter().count()).isGreaterThanOrEqualTo(1);
    assertThat(registry.get("invokerguard.policy.age").gauge().value()).isGreaterThanOrEqualTo(0);
    assertThat(registry.get("invokerguard.token.cache.gets").tag("result", "miss").functionCounter().count())
        .isGreaterThanOrEqualTo(1);
  }

  @Test
  void startWhenMicrometerAbsentThenNoMetersAndTheGuardServes() throws Exception {
    ChildJvm.Result child = ChildJvm.run(Map.of("INVOKERGUARD_POLICY", "classpath:test-policy.yaml",
            "INVOKERGUARD_AUDIENCES", Issuer.AUDIENCE, "INVOKERGUARD_JWKS_URI", Issuer.ISSUER.jwksUri().toString()),
        entry -> entry.contains("micrometer"), Issuer.user("alice@example.com"));

    assertThat(ChildJvm.classPath(entry -> false)).as("the test class path has Micrometer")
        .contains("micrometer-core", "micronaut-micrometer-core");
    assertThat(child.exitStatus()).as(child.toString()).isZero();
    assertThat(child.value("meters")).isEqualTo("absent");
    assertThat(child.value("status")).isEqualTo("200");
  }
}
