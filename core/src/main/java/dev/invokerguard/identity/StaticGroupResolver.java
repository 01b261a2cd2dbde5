package dev.invokerguard.identity;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Group memberships from configuration: each group email lists its members as {@code user:EMAIL},
 * {@code serviceAccount:EMAIL}, {@code group:EMAIL} (a nested group) or a bare email (the user, or the
 * service account when its domain is a service-account domain, as {@link Callers#fromToken} names it).
 * Membership is transitive; cycles are harmless. Members are kept as IAM principals, as in
 * <a href="https://cloud.google.com/iam/docs/principal-identifiers">Principal identifiers</a>:
 * {@code user:X} and {@code group:X} are different principals, so a user whose email is also a group's
 * email is not a member of what that group belongs to. Emails compare as {@link Callers#foldCase} says.
 * Immutable.
 */
public final class StaticGroupResolver implements GroupResolver {
  private static final String GROUP = "group:";

  /** Caller principal ({@code user:...}, {@code serviceAccount:...}) to the emails of its groups. */
  private final Map<String, Set<String>> groupsByPrincipal;

  private StaticGroupResolver(Map<String, Set<String>> groupsByPrincipal) {
    this.groupsByPrincipal = groupsByPrincipal;
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
        directGroups.computeIfAbsent(memberKey(member), k -> new HashSet<>()).add(groupEmail);
      }
    });
    Map<String, Set<String>> closure = new HashMap<>();
    for (String member : directGroups.keySet()) {
      if (!member.startsWith(GROUP)) {
        closure.put(member, Set.copyOf(transitive(member, directGroups)));
      }
    }
    return new StaticGroupResolver(Map.copyOf(closure));
  }

  @Override
  public Set<String> groupsOf(Caller caller) {
    return caller.email().isEmpty() ? Set.of() : groupsByPrincipal.getOrDefault(caller.principal(), Set.of());
  }

  /** The emails of every group {@code principal} belongs to, directly or through nested groups. */
  private static Set<String> transitive(String principal, Map<String, Set<String>> directGroups) {
    Set<String> seen = new LinkedHashSet<>();
    Deque<String> todo = new ArrayDeque<>(directGroups.getOrDefault(principal, Set.of()));
    while (!todo.isEmpty()) {
      String group = todo.pop();
      if (seen.add(group)) {
        todo.addAll(directGroups.getOrDefault(GROUP + group, Set.of()));
      }
    }
    return seen;
  }

  /** The principal a member entry names: {@code user:E}, {@code serviceAccount:E} or {@code group:E}. */
  private static String memberKey(String member) {
    for (String prefix : new String[] {"user:", "serviceAccount:", GROUP}) {
      if (member.startsWith(prefix)) {
        return prefix + email(member.substring(prefix.length()), member);
      }
    }
    String email = email(member, member);
    return (Callers.isServiceAccount(email) ? "serviceAccount:" : "user:") + email;
  }

  private static String email(String value, String what) {
    if (value == null || value.indexOf('@') < 1 || value.indexOf('@') != value.lastIndexOf('@')
        || value.chars().anyMatch(Character::isWhitespace) || value.indexOf(':') >= 0) {
      throw new IllegalArgumentException("group membership entry \"" + what
          + "\" must be an email, optionally prefixed with user:, serviceAccount: or group:");
    }
    return Callers.foldCase(value);
  }
}
