package dev.invokerguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.invokerguard.identity.Caller;
import dev.invokerguard.identity.Callers;
import dev.invokerguard.identity.GroupResolver;
import dev.invokerguard.identity.StaticGroupResolver;
import dev.invokerguard.policy.PolicyText;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The group and domain membership {@code explain} simulates: {@code --groups a@example.com,b@example.com}
 * (groups the caller is in), {@code --groups-file FILE} (memberships as {@code invokerguard.groups} reads
 * them: group email to members, transitive) and {@code --hd DOMAIN} (the {@code hd} claim of the caller's
 * token, the only way a {@code domain:} member matches).
 *
 * @param groups the groups of {@code --groups}, lowercased
 * @param file the memberships of {@code --groups-file}, or {@code null}
 * @param hostedDomain the domain of {@code --hd}, lowercased, or {@code null}
 */
record Membership(List<String> groups, StaticGroupResolver file, String hostedDomain) {

  static Membership of(Args args) throws UsageException, InputException {
    List<String> groups = new ArrayList<>();
    for (String value : args.values("groups")) {
      for (String entry : value.split(",", -1)) {
        String group = entry.trim();
        group = group.startsWith("group:") ? group.substring("group:".length()) : group;
        int at = group.indexOf('@');
        if (at < 1 || at != group.lastIndexOf('@') || at == group.length() - 1
            || group.chars().anyMatch(c -> Character.isWhitespace(c) || c == ':')) {
          throw new UsageException("--groups takes group emails separated by commas: \"" + entry + "\"");
        }
        groups.add(group.toLowerCase(Locale.ROOT));
      }
    }
    String hd = args.value("hd").map(String::trim).orElse(null);
    if (hd != null && (hd.isEmpty() || hd.indexOf('@') >= 0 || hd.indexOf(':') >= 0
        || hd.chars().anyMatch(Character::isWhitespace))) {
      throw new UsageException("--hd takes a domain, such as example.com: \"" + hd + "\"");
    }
    StaticGroupResolver file = args.value("groups-file").isPresent()
        ? readFile(args.value("groups-file").get()) : null;
    return new Membership(List.copyOf(groups), file, hd == null ? null : hd.toLowerCase(Locale.ROOT));
  }

  /** Whether any group membership was given. */
  boolean groupsKnown() {
    return !groups.isEmpty() || file != null;
  }

  boolean simulates() {
    return groupsKnown() || hostedDomain != null;
  }

  /** The caller of {@code --member}, with the simulated groups and domain. */
  Caller caller(List<String> members) {
    List<String> all = new ArrayList<>(members);
    if (hostedDomain != null) {
      all.add("domain:" + hostedDomain);
    }
    Caller caller = Callers.fromMembers(all);
    if (caller.anonymous()) {
      return caller;
    }
    caller = caller.withGroups(groups);
    return file == null ? caller : Callers.withGroups(caller, file);
  }

  /** The groups of a token's caller: those of the file for its email, and every one of {@code --groups}. */
  GroupResolver resolver() {
    if (!groupsKnown()) {
      return GroupResolver.NONE;
    }
    return caller -> {
      Set<String> all = new LinkedHashSet<>(groups);
      if (file != null) {
        all.addAll(file.groupsOf(caller));
      }
      return all;
    };
  }

  private static StaticGroupResolver readFile(String name) throws InputException {
    PolicyText text = Inputs.read(name);
    ObjectMapper mapper = text.format() == PolicyText.Format.YAML
        ? new ObjectMapper(new YAMLFactory()) : new ObjectMapper();
    JsonNode root;
    try {
      root = mapper.readTree(text.content());
    } catch (IOException e) {
      throw new InputException(name + " is not valid " + text.format() + ": " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw new InputException(name + " must be an object of group email to member list");
    }
    Map<String, List<String>> groups = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : root.properties()) {
      if (!entry.getValue().isArray()) {
        throw new InputException(name + ": group " + entry.getKey() + " must list its members");
      }
      List<String> members = new ArrayList<>();
      entry.getValue().forEach(m -> members.add(m.asText()));
      groups.put(entry.getKey(), members);
    }
    try {
      return StaticGroupResolver.of(groups);
    } catch (IllegalArgumentException e) {
      throw new InputException(name + ": " + e.getMessage());
    }
  }
}
