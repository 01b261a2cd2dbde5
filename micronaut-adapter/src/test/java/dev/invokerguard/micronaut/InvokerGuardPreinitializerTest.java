package dev.invokerguard.micronaut;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invokerguard.runtime.Preinitializer;
import dev.invokerguard.runtime.SettingKey;
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
    String property = "invokerguard.preinitialize-test-probe";
    assertThat(InvokerGuardPreinitializer.systemOrEnvironment(property)).isNull();
    System.setProperty(property, "false");
    try {
      assertThat(InvokerGuardPreinitializer.systemOrEnvironment(property)).isEqualTo("false");
    } finally {
      System.clearProperty(property);
    }
  }

  @Test
  void systemOrEnvironmentWhenOnlyTheVariableSetThenTheSettingsVariableIsRead() {
    Map<String, String> environment = Map.of("INVOKERGUARD_PREINITIALIZE", "false",
        "INVOKERGUARD_LOCAL_POLICY", "local.yaml", "INVOKERGUARD_ENABLED", "false");
    Function<String, String> none = name -> null;

    assertThat(InvokerGuardPreinitializer.systemOrEnvironment(SettingKey.PREINITIALIZE.property(), none,
        environment::get)).isEqualTo("false");
    assertThat(InvokerGuardPreinitializer.systemOrEnvironment("invokerguard.local-policy", none,
        environment::get)).isEqualTo("local.yaml");
    assertThat(InvokerGuardPreinitializer.systemOrEnvironment(InvokerGuardConfiguration.ENABLED_PROPERTY, none,
        environment::get)).isEqualTo("false");
    assertThat(InvokerGuardPreinitializer.systemOrEnvironment("invokerguard.preinitialize", Map.of(
        "invokerguard.preinitialize", "true")::get, environment::get)).as("a system property comes first")
        .isEqualTo("true");
    assertThat(InvokerGuardPreinitializer.systemOrEnvironment("invokerguard.unknown", none, name -> "false"))
        .as("a name that is no setting reads no variable").isNull();
    assertThat(Preinitializer.enabled(property -> InvokerGuardPreinitializer.systemOrEnvironment(property, none,
        environment::get))).isFalse();
  }
}
