package dev.invokerguard.micronaut;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invokerguard.runtime.Preinitializer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextConfigurer;
import io.micronaut.core.io.service.SoftServiceLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class InvokerGuardPreinitializerTest {

  /** Configures a context builder through a configurer with these properties and a recording starter. */
  private static Function<String, String> propertiesSeen(Map<String, String> properties) {
    AtomicReference<Function<String, String>> seen = new AtomicReference<>();
    InvokerGuardPreinitializer configurer = new InvokerGuardPreinitializer(properties::get, lookup -> {
      seen.set(lookup);
      return true;
    });
    configurer.configure(ApplicationContext.builder());
    assertThat(seen.get()).as("the configurer started the warm-up").isNotNull();
    return seen.get();
  }

  @Test
  void serviceWhenMicronautLoadsContextConfigurersThenThisOneIsAmongThem() {
    List<ApplicationContextConfigurer> configurers = new ArrayList<>();
    SoftServiceLoader.load(ApplicationContextConfigurer.class, getClass().getClassLoader()).collectAll(configurers);

    assertThat(configurers).hasAtLeastOneElementOfType(InvokerGuardPreinitializer.class);
  }

  @Test
  void configureWhenNothingSetThenTheWarmUpIsWanted() {
    assertThat(Preinitializer.enabled(propertiesSeen(Map.of()))).isTrue();
  }

  @Test
  void configureWhenPreinitializeOrEnabledFalseThenTurnedOff() {
    assertThat(Preinitializer.enabled(propertiesSeen(Map.of("invokerguard.preinitialize", "false")))).isFalse();
    assertThat(Preinitializer.enabled(propertiesSeen(Map.of("invokerguard.enabled", "false")))).isFalse();
  }

  @Test
  void systemOrEnvironmentWhenSystemPropertySetThenReadElseTheVariableOfThatName() {
    assertThat(InvokerGuardPreinitializer.environmentName("invokerguard.preinitialize"))
        .isEqualTo("INVOKERGUARD_PREINITIALIZE");
    assertThat(InvokerGuardPreinitializer.environmentName("invokerguard.local-policy"))
        .isEqualTo("INVOKERGUARD_LOCAL_POLICY");
    String property = "invokerguard.preinitialize-test-probe";
    assertThat(InvokerGuardPreinitializer.systemOrEnvironment(property)).isNull();
    System.setProperty(property, "false");
    try {
      assertThat(InvokerGuardPreinitializer.systemOrEnvironment(property)).isEqualTo("false");
    } finally {
      System.clearProperty(property);
    }
  }
}
