package dev.invokerguard.identity;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Group memberships from configuration: each group email lists its members as {@code user:EMAIL},
 * {@code serviceAccount:EMAIL}, {@code group:EMAIL} (a nested group) or a bare email. Membership is
 * transitive; cycles are harmless. Emails compare case-insensitively. Immutable.
 */
public final class StaticGroupResolver implements GroupResolver {
  private final Map<String, Set<String>> groupsByEmail;

  private StaticGroupResolver(Map<String, Set<String>> groupsByEmail) {
    this.groupsByEmail = groupsByEmail;
  }

  /**
   * @param membersByGroup group email → its direct members
   * @throws IllegalArgumentException when an entry is not an email or uses another member prefix
   */
  public static StaticGroupResolver of(Map<String, ? extends Collection<String>> membersByGroup) {
    Map<String, Set<String>> directGroups = new HashMap<>();
    membersByGroup.forEach((group, members) -> {
      String groupEmail = email(group, "group");
      for (String member : members) {
        directGroups.computeIfAbsent(memberEmail(member), k -> new HashSet<>()).add(groupEmail);
      }
    });
    Map<String, Set<String>> closure = new HashMap<>();
    for (String email : directGroups.keySet()) {
      closure.put(email, Set.copyOf(transitive(email, directGroups)));
    }
    return new StaticGroupResolver(Map.copyOf(closure));
  }

  @Override
  public Set<String> groupsOf(Caller caller) {
    return caller.email().map(e -> groupsByEmail.getOrDefault(e, Set.of())).orElse(Set.of());
  }

  private static Set<String> transitive(String email, Map<String, Set<String>> directGroups) {
    Set<String> seen = new LinkedHashSet<>();
    Deque<String> todo = new ArrayDeque<>(directGroups.getOrDefault(email, Set.of()));
    while (!todo.isEmpty()) {
      String group = todo.pop();
      if (seen.add(group)) {
        todo.addAll(directGroups.getOrDefault(group, Set.of()));
      }
    }
    seen.remove(email);
    return seen;
  }

  private static String memberEmail(String member) {
    for (String prefix : new String[] {"user:", "serviceAccount:", "group:"}) {
      if (member.startsWith(prefix)) {
        return email(member.substring(prefix.length()), member);
      }
    }
    return email(member, member);
  }

  private static String email(String value, String what) {
    if (value == null || value.indexOf('@') < 1 || value.indexOf('@') != value.lastIndexOf('@')
        || value.chars().anyMatch(Character::isWhitespace) || value.indexOf(':') >= 0) {
      throw new IllegalArgumentException("group membership entry \"" + what
          + "\" must be an email, optionally prefixed with user:, serviceAccount: or group:");
    }
    return value.toLowerCase(Locale.ROOT);
  }
}
