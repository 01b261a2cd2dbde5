package dev.invokerguard.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.invokerguard.runtime.GuardSettings;
import dev.invokerguard.runtime.SettingKey;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class InvokerGuardPropertiesTest {

  @Test
  void toSettingsWhenOnlyRequiredPropertiesSetThenTheCoresDefaults() {
    InvokerGuardProperties properties = new InvokerGuardProperties();
    properties.setPolicy(List.of("classpath:invokerguard/policy.yaml"));
    properties.setAudiences(List.of("https://svc.example.com"));

    assertThat(properties.toSettings()).isEqualTo(GuardSettings.builder()
        .policy("classpath:invokerguard/policy.yaml").audiences("https://svc.example.com").build());
  }

  @Test
  void toSettingsWhenPreinitializeFalseThenTheCoreSettingIsFalse() {
    InvokerGuardProperties properties = new InvokerGuardProperties();
    properties.setPolicy(List.of("classpath:invokerguard/policy.yaml"));
    properties.setAudiences(List.of("https://svc.example.com"));
    assertThat(properties.toSettings().preinitialize()).isTrue();

    properties.setPreinitialize(false);

    assertThat(properties.toSettings().preinitialize()).isFalse();
  }

  @Test
  void metadataWhenCoreSettingThenAPropertyWithTypeAndDescription() throws Exception {
    Map<String, JsonNode> metadata = new HashMap<>();
    try (InputStream in = Objects.requireNonNull(getClass().getResourceAsStream(
        "/META-INF/spring-configuration-metadata.json"), "generated metadata")) {
      new ObjectMapper().readTree(in).get("properties").forEach(p -> metadata.put(p.get("name").asText(), p));
    }

    List<String> settings = coreSettingProperties();
    assertThat(settings).hasSizeGreaterThanOrEqualTo(17);
    for (String setting : settings) {
      assertThat(metadata).as("a property for the core setting %s", setting).containsKey(setting);
      assertThat(metadata.get(setting).path("description").asText()).as(setting).hasSizeGreaterThan(20);
      assertThat(metadata.get(setting).path("type").asText()).as(setting).isNotEmpty();
    }
    assertThat(metadata.keySet()).containsExactlyInAnyOrderElementsOf(withEnabled(settings));
  }

  /** Every setting the core reads, in property form. */
  static List<String> coreSettingProperties() {
    return SettingKey.all().stream().map(SettingKey::property).toList();
  }

  private static List<String> withEnabled(List<String> settings) {
    List<String> all = new ArrayList<>(settings);
    all.add("invokerguard.enabled");
    all.add("invokerguard.client.targets");
    return all;
  }
}
