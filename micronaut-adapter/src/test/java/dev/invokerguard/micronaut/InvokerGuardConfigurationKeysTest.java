package dev.invokerguard.micronaut;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.invokerguard.runtime.SettingKey;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every setting the core reads ({@link SettingKey#all()}) is a Micronaut property, documented and bound. */
class InvokerGuardConfigurationKeysTest {

  private static List<String> coreSettingProperties() {
    return SettingKey.all().stream().map(SettingKey::property).toList();
  }

  @Test
  void bindingWhenEveryCoreSettingSetThenEachReachesTheSettings() {
    Map<String, Object> properties = new HashMap<>();
    properties.put(InvokerGuardConfiguration.ENABLED_PROPERTY, "false");
    for (SettingKey key : SettingKey.all()) {
      properties.put(key.property(), "probe-" + key.shortName());
    }

    try (ApplicationContext context = ApplicationContext.builder().environments(Environment.TEST)
        .properties(properties).start()) {
      Map<String, String> bound = context.getBean(InvokerGuardConfiguration.class).toProperties();

      assertThat(coreSettingProperties()).hasSizeGreaterThanOrEqualTo(17);
      for (SettingKey key : SettingKey.all()) {
        assertThat(bound).as("the core setting %s as a Micronaut property", key.property())
            .containsEntry(key.property(), "probe-" + key.shortName());
      }
      assertThat(bound.keySet()).containsExactlyInAnyOrderElementsOf(coreSettingProperties());
    }
  }

  @Test
  void metadataWhenCoreSettingThenAPropertyWithTypeAndDescription() throws Exception {
    Map<String, JsonNode> metadata = new HashMap<>();
    // this module's own file: other Micronaut jars on the class path have one too
    Path classes = Path.of(InvokerGuardConfiguration.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    try (InputStream in = Files.newInputStream(classes.resolve("META-INF/spring-configuration-metadata.json"))) {
      new ObjectMapper().readTree(in).get("properties").forEach(p -> metadata.put(p.get("name").asText(), p));
    }

    for (String setting : coreSettingProperties()) {
      assertThat(metadata).as("a property for the core setting %s", setting).containsKey(setting);
      assertThat(metadata.get(setting).path("description").asText()).as(setting).hasSizeGreaterThan(20);
      assertThat(metadata.get(setting).path("type").asText()).as(setting).isNotEmpty();
    }
    List<String> client = List.of("invokerguard.client.targets[*].url",
        "invokerguard.client.targets[*].audience", "invokerguard.client.targets[*].header");
    for (String property : client) {
      assertThat(metadata).as("the outbound property %s", property).containsKey(property);
      assertThat(metadata.get(property).path("description").asText()).as(property).hasSizeGreaterThan(20);
    }
    assertThat(metadata.keySet()).containsExactlyInAnyOrderElementsOf(java.util.stream.Stream.concat(
        concat(coreSettingProperties(), InvokerGuardConfiguration.ENABLED_PROPERTY).stream(), client.stream()).toList());
  }

  private static List<String> concat(List<String> list, String one) {
    return java.util.stream.Stream.concat(list.stream(), java.util.stream.Stream.of(one)).toList();
  }
}
