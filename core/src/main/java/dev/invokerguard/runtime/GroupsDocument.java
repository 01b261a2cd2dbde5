package dev.invokerguard.runtime;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.invokerguard.identity.StaticGroupResolver;
import dev.invokerguard.policy.PolicyText;
import dev.invokerguard.token.StreamingJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads static group memberships: a JSON or YAML object whose keys are group emails and whose values list
 * the members ({@code user:EMAIL}, {@code serviceAccount:EMAIL}, {@code group:EMAIL} or a bare email).
 * The text holds exactly one document: content after it, or a second YAML document, is refused, and so is a
 * repeated key.
 */
final class GroupsDocument {
  private GroupsDocument() {}

  /** Reads the groups; a YAML document builds the YAML parser (a JSON one never loads SnakeYAML). */
  static StaticGroupResolver read(PolicyText text) {
    JsonNode root;
    try (JsonParser parser = StreamingJson.strictParser(text.content(),
        text.format() == PolicyText.Format.YAML)) {
      root = StreamingJson.readTree(parser);
      JsonLocation trailing = root == null ? null : StreamingJson.trailing(parser);
      if (trailing != null) {
        throw SettingChecks.invalid(SettingKey.GROUPS, "names " + text.name() + ", which holds more than one "
            + (text.format() == PolicyText.Format.YAML ? "YAML document" : "JSON value") + " (at "
            + where(trailing) + "): it must hold exactly one");
      }
    } catch (JsonProcessingException e) {
      throw SettingChecks.invalid(SettingKey.GROUPS, "names " + text.name() + ", which is not valid "
          + text.format() + " at " + where(e.getLocation()) + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      throw SettingChecks.invalid(SettingKey.GROUPS, "names " + text.name() + ", which is not valid "
          + text.format() + ": " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw SettingChecks.invalid(SettingKey.GROUPS, "names " + text.name()
          + ", which must be an object of group email to member list");
    }
    Map<String, List<String>> groups = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : root.properties()) {
      JsonNode members = entry.getValue();
      if (!members.isArray()) {
        throw SettingChecks.invalid(SettingKey.GROUPS, "names " + text.name() + ": group "
            + entry.getKey() + " must list its members");
      }
      List<String> list = new ArrayList<>();
      members.forEach(m -> list.add(m.asText()));
      groups.put(entry.getKey(), list);
    }
    try {
      return StaticGroupResolver.of(groups);
    } catch (IllegalArgumentException e) {
      throw SettingChecks.invalid(SettingKey.GROUPS, "names " + text.name() + ": " + e.getMessage());
    }
  }


  private static String where(JsonLocation location) {
    return location == null ? "?" : "line " + location.getLineNr() + ", column " + location.getColumnNr();
  }
}
