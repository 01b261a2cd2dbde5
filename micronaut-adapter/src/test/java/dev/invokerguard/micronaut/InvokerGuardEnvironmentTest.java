package dev.invokerguard.micronaut;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code INVOKERGUARD_*} environment variables configure the guard, as on Cloud Run: each test starts an
 * application in a JVM of its own with only those variables.
 */
class InvokerGuardEnvironmentTest {

  private static Map<String, String> environment(String... more) {
    Map<String, String> env = new HashMap<>();
    env.put("INVOKERGUARD_POLICY", "classpath:test-policy.yaml");
    env.put("INVOKERGUARD_AUDIENCES", "https://other.example.com," + Issuer.AUDIENCE);
    env.put("INVOKERGUARD_JWKS_URI", Issuer.ISSUER.jwksUri().toString());
    env.put("INVOKERGUARD_GROUPS", "classpath:test-groups.yaml");
    for (int i = 0; i + 1 < more.length; i += 2) {
      env.put(more[i], more[i + 1]);
    }
    return env;
  }

  @Test
  void startWhenEnvironmentVariablesSetThenGuardUsesThem() throws Exception {
    ChildJvm.Result child = ChildJvm.run(environment("INVOKERGUARD_TOKEN_CACHE_SIZE", "7",
        "INVOKERGUARD_ALLOWED_CLOCK_SKEW", "30s"), entry -> false, Issuer.user("alice@example.com"));

    assertThat(child.exitStatus()).as(child.toString()).isZero();
    assertThat(child.value("audiences")).isEqualTo("https://other.example.com," + Issuer.AUDIENCE);
    assertThat(child.value("tokenCacheSize")).isEqualTo("7");
    assertThat(child.value("status")).as(child.toString()).isEqualTo("200");
    assertThat(child.value("healthIndicator")).as("with micronaut-management").isEqualTo("present");
    assertThat(child.value("meters")).as("with Micrometer").isEqualTo("present");
  }

  @Test
  void startWhenEnvironmentVariableInvalidThenFailsNamingPropertyAndVariable() throws Exception {
    ChildJvm.Result child = ChildJvm.run(environment("INVOKERGUARD_TOKEN_CACHE_SIZE", "lots"), entry -> false,
        "unused");

    assertThat(child.exitStatus()).as(child.toString()).isEqualTo(3);
    assertThat(child.output()).contains("invokerguard.token-cache-size (INVOKERGUARD_TOKEN_CACHE_SIZE)");
  }

  @Test
  void startWhenRequiredVariableMissingThenFailsNamingIt() throws Exception {
    Map<String, String> env = environment();
    env.remove("INVOKERGUARD_AUDIENCES");

    ChildJvm.Result child = ChildJvm.run(env, entry -> false, "unused");

    assertThat(child.exitStatus()).as(child.toString()).isEqualTo(3);
    assertThat(child.output()).contains("invokerguard.audiences (INVOKERGUARD_AUDIENCES)");
  }
}
