package dev.invokerguard.micronaut;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invokerguard.Decision;
import dev.invokerguard.InvokerGuard;
import dev.invokerguard.request.AccessRequest;
import dev.invokerguard.runtime.GuardRuntime;
import dev.invokerguard.runtime.GuardSettings;
import dev.invokerguard.tck.sample.RawHttp;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The factory's beans: started with the context, replaceable, closed with the context. */
class InvokerGuardFactoryTest {

  @Test
  void startWhenApplicationDefinesSettingsThenPropertiesAreNotNeeded() {
    try (ApplicationContext context = ApplicationContext.builder().environments(Environment.TEST)
        .properties(Map.of(ReplacementBeans.SETTINGS_IN_CODE, "true")).start()) {
      GuardRuntime runtime = context.getBean(GuardRuntime.class);

      assertThat(runtime.settings().audiences()).containsExactly(Issuer.AUDIENCE);
      assertThat(context.getBean(InvokerGuard.class)).isSameAs(runtime.guard());
    }
  }

  @Test
  void filterWhenApplicationDefinesItsGuardThenThatGuardDecides() throws Exception {
    Map<String, Object> properties = new HashMap<>(Issuer.settings());
    properties.put(ReplacementBeans.OWN_GUARD, "true");
    try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties, Environment.TEST)) {
      RawHttp http = new RawHttp(server.getPort());

      assertThat(http.getWithToken("/private/x", Issuer.user("zed@example.com")).status()).isEqualTo(200);
      assertThat(http.getWithToken("/private/x", Issuer.user("alice@example.com")).status()).isEqualTo(403);
    }
  }

  private static int privateStatus(String replaced, String token) {
    Map<String, Object> properties = new HashMap<>(Issuer.settings());
    properties.put(replaced, "true");
    if (replaced.equals(ReplacementBeans.GROUPS)) {
      properties.remove("invokerguard.groups"); // a GroupResolver bean and the setting exclude each other
    }
    try (ApplicationContext context = ApplicationContext.builder().environments(Environment.TEST)
        .properties(properties).start()) {
      return context.getBean(InvokerGuard.class).check(AccessRequest.builder("GET", "localhost", "/private/x")
          .header("Authorization", "Bearer " + token).build()).status();
    }
  }

  @Test
  void runtimeWhenApplicationDefinesGroupResolverThenItsGroupsGrant() {
    String dana = Issuer.user("dana@example.com");

    assertThat(privateStatus(ReplacementBeans.GROUPS, dana)).as("dana is in ops by the application's resolver")
        .isEqualTo(200);
    assertThat(privateStatus("test.replace.nothing", dana)).isEqualTo(403);
  }

  @Test
  void runtimeWhenApplicationDefinesVerifierCustomizerThenItApplies() {
    String alice = Issuer.user("alice@example.com");

    assertThat(privateStatus(ReplacementBeans.VERIFIER, alice)).as("tokens over 300 characters refused")
        .isEqualTo(401);
    assertThat(privateStatus("test.replace.nothing", alice)).isEqualTo(200);
  }

  @Test
  void runtimeWhenApplicationDefinesClockThenDecisionsAreTakenAtItsTime() {
    Map<String, Object> properties = new HashMap<>(Issuer.settings());
    properties.put(ReplacementBeans.CLOCK, "true");
    try (ApplicationContext context = ApplicationContext.builder().environments(Environment.TEST)
        .properties(properties).start()) {
      Decision decision = context.getBean(InvokerGuard.class)
          .check(AccessRequest.builder("GET", "localhost", "/public/x").build());

      assertThat(decision.time()).isEqualTo(ReplacementBeans.FIXED);
    }
  }

  @Test
  void closeWhenContextStopsThenPolicyReloadsStop(@TempDir Path dir) throws Exception {
    Path policy = dir.resolve("policy.yaml");
    try (var in = getClass().getResourceAsStream("/test-policy.yaml")) {
      Files.write(policy, in.readAllBytes());
    }
    Set<Thread> before = guardThreads();
    ApplicationContext context = ApplicationContext.builder().environments(Environment.TEST)
        .properties(new HashMap<>(Issuer.settings("invokerguard.policy", policy.toString()))).start();
    context.getBean(InvokerGuard.class);
    Set<Thread> started = guardThreads();
    started.removeAll(before);
    assertThat(started).as("the runtime's threads (file policy polls, key refreshes) run with the context").isNotEmpty();

    context.close();

    assertThat(waitFor(() -> started.stream().noneMatch(Thread::isAlive)))
        .as("no thread of the context's runtime left after close").isTrue();
  }

  /** The live threads of InvokerGuard in this JVM (other tests' included: compare sets, not counts). */
  private static Set<Thread> guardThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().startsWith("invokerguard-")).collect(Collectors.toSet());
  }

  private static boolean waitFor(BooleanSupplier condition) throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(50);
    }
    return condition.getAsBoolean();
  }

  @Test
  void settingsBeanWhenPropertiesGivenThenBuiltFromConfiguration() {
    try (ApplicationContext context = ApplicationContext.builder().environments(Environment.TEST)
        .properties(new HashMap<>(Issuer.settings("invokerguard.permission", "custom.routes.call"))).start()) {
      assertThat(context.getBean(GuardSettings.class).permission()).isEqualTo("custom.routes.call");
    }
  }
}
