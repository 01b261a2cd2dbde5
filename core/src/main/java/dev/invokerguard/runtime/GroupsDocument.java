package dev.invokerguard.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.invokerguard.identity.StaticGroupResolver;
import dev.invokerguard.policy.PolicyText;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads static group memberships: a JSON or YAML object whose keys are group emails and whose values list
 * the members ({@code user:EMAIL}, {@code serviceAccount:EMAIL}, {@code group:EMAIL} or a bare email).
 */
final class GroupsDocument {
  private GroupsDocument() {}

  static StaticGroupResolver read(PolicyText text) {
    ObjectMapper mapper = text.format() == PolicyText.Format.YAML
        ? new ObjectMapper(new YAMLFactory()) : new ObjectMapper();
    JsonNode root;
    try {
      root = mapper.readTree(text.content());
    } catch (IOException e) {
      throw SettingChecks.invalid(Setting.GROUPS, "names " + text.name() + ", which is not valid "
          + text.format() + ": " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw SettingChecks.invalid(Setting.GROUPS, "names " + text.name()
          + ", which must be an object of group email to member list");
    }
    Map<String, List<String>> groups = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : root.properties()) {
      JsonNode members = entry.getValue();
      if (!members.isArray()) {
        throw SettingChecks.invalid(Setting.GROUPS, "names " + text.name() + ": group "
            + entry.getKey() + " must list its members");
      }
      List<String> list = new ArrayList<>();
      members.forEach(m -> list.add(m.asText()));
      groups.put(entry.getKey(), list);
    }
    try {
      return StaticGroupResolver.of(groups);
    } catch (IllegalArgumentException e) {
      throw SettingChecks.invalid(Setting.GROUPS, "names " + text.name() + ": " + e.getMessage());
    }
  }
}
