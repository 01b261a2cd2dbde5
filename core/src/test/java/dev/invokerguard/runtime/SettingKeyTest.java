package dev.invokerguard.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingKeyTest {
  private static final Path README = Path.of("..", "README.md");
  private static final Map<String, String> REQUIRED = Map.of(
      "invokerguard.policy", "classpath:policies/service-invoker.yaml",
      "invokerguard.audiences", "https://svc.example");

  /** One row of the README's settings table. */
  record Row(String property, String env, String meaning, String defaultText) {}

  static List<Row> readmeRows() throws IOException {
    List<String> lines = Files.readAllLines(README, StandardCharsets.UTF_8);
    int header = lines.indexOf("| property | environment | meaning | default |");
    assertThat(header).as("README.md has the settings table").isNotNegative();
    List<Row> rows = new ArrayList<>();
    for (int i = header + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
      String line = lines.get(i);
      String[] cells = line.substring(1, line.length() - 1).split(" \\| ", -1);
      assertThat(cells).as(line).hasSize(4);
      rows.add(new Row(unquote(cells[0].strip()), unquote(cells[1].strip()), cells[2].strip(),
          cells[3].strip()));
    }
    return rows;
  }

  private static String unquote(String cell) {
    return cell.startsWith("`") && cell.endsWith("`") ? cell.substring(1, cell.length() - 1) : cell;
  }

  @Test
  void readmeTableWhenComparedWithKeysThenSameSettingsInTheSameOrder() throws IOException {
    assumeTrue(Files.isRegularFile(README), "README.md is read from the source tree (run from core/)");
    List<Row> rows = readmeRows();

    assertThat(rows).extracting(Row::property)
        .containsExactlyElementsOf(SettingKey.all().stream().map(SettingKey::property).toList());
    for (int i = 0; i < rows.size(); i++) {
      Row row = rows.get(i);
      SettingKey key = SettingKey.all().get(i);
      assertThat(row.env()).as(row.property()).isEqualTo(key.env());
      assertThat(row.meaning()).as(row.property()).startsWith(key.description());
      assertThat(row.defaultText()).as(row.property())
          .isEqualTo(key.defaultValue().map(v -> "`" + v + "`").orElse(key.defaultDescription()));
    }
  }

  @Test
  void defaultValueWhenGivenExplicitlyThenSettingsAreTheSameAsWithout() {
    GuardSettings unset = GuardSettings.fromProperties(REQUIRED);
    List<SettingKey> withDefaults = SettingKey.all().stream().filter(k -> k.defaultValue().isPresent()).toList();

    assertThat(withDefaults).hasSizeGreaterThan(5);
    for (SettingKey key : withDefaults) {
      Map<String, String> properties = new HashMap<>(REQUIRED);
      properties.put(key.property(), key.defaultValue().orElseThrow());
      assertThat(GuardSettings.fromProperties(properties)).as(key.property()).isEqualTo(unset);
    }
  }

  @Test
  void requiredWhenPolicyAndAudiencesThenOnlyThoseAreRequired() {
    assertThat(SettingKey.all().stream().filter(SettingKey::required)).containsExactly(SettingKey.POLICY);
    assertThat(SettingKey.all().stream().filter(SettingKey::requiredUnlessDefaulted))
        .containsExactly(SettingKey.AUDIENCES);
  }

  @Test
  void namesWhenLookedUpByEitherFormThenTheSameKey() {
    for (SettingKey key : SettingKey.all()) {
      assertThat(SettingKey.byProperty(key.property())).contains(key);
      assertThat(SettingKey.byEnv(key.env())).contains(key);
      assertThat(key.env()).isEqualTo("INVOKERGUARD_" + key.shortName().replace('-', '_').toUpperCase());
      assertThat(key.description()).doesNotContain("\n").isNotBlank();
    }
    assertThat(SettingKey.byProperty("invokerguard.nope")).isEmpty();
    assertThat(SettingKey.TOKEN_CACHE_SIZE.type().javaType()).isEqualTo("java.lang.Long");
  }
}
