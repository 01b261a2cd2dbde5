package dev.invokerguard.identity;

import dev.invokerguard.token.TokenFamily;
import dev.invokerguard.token.VerifiedToken;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps verified tokens to {@link Caller}s the way Cloud Run's invoker check names principals (see
 * <a href="https://cloud.google.com/iam/docs/principal-identifiers">Principal identifiers</a>):
 * <ul>
 *   <li>a verified {@code email} is {@code serviceAccount:EMAIL} when its domain is a service-account
 *       domain ({@code *.iam.gserviceaccount.com}, {@code appspot.gserviceaccount.com},
 *       {@code developer.gserviceaccount.com}, any {@code *.gserviceaccount.com}), else {@code user:EMAIL};
 *   <li>{@code domain:D} comes only from the {@code hd} claim of a Google or IAP token, never from the
 *       email's suffix;
 *   <li>a Firebase / Identity Platform token is also {@code firebase:UID} (an InvokerGuard extension) and
 *       is {@code user:EMAIL} only when its email is verified; an IAP assertion's email is used as is;
 *   <li>every verified caller is {@code allAuthenticatedUsers}; a token without {@code email} is only that.
 * </ul>
 */
public final class Callers {
  private static final Logger LOG = LoggerFactory.getLogger(Callers.class);

  private Callers() {}

  /** The caller a verified token identifies. */
  public static Caller fromToken(VerifiedToken token) {
    String email = token.family() == TokenFamily.Kind.IAP ? token.email() : token.verifiedEmail().orElse(null);
    if (email != null && email.indexOf('@') < 1) {
      email = null;
    }
    List<String> members = new ArrayList<>(5);
    String principal = null;
    if (email != null) {
      String key = foldCase(email);
      principal = (isServiceAccount(key) ? "serviceAccount:" : "user:") + key;
      members.add(principal);
    }
    if (token.family() == TokenFamily.Kind.FIREBASE && token.subject() != null && !token.subject().isEmpty()) {
      String uid = "firebase:" + token.subject();
      members.add(uid);
      principal = principal == null ? uid : principal;
    }
    if (token.family() != TokenFamily.Kind.FIREBASE && token.hostedDomain() != null
        && !token.hostedDomain().isBlank()) {
      members.add("domain:" + foldCase(token.hostedDomain()));
    }
    members.add(Caller.ALL_AUTHENTICATED_USERS);
    members.add(Caller.ALL_USERS);
    return new Caller(principal == null ? Caller.ALL_AUTHENTICATED_USERS : principal, members, false,
        token.email() == null, false);
  }

  /**
   * A caller named by IAM members rather than a token, for explaining decisions ("what would this member
   * get"): the first member is the principal ({@code user:}, {@code serviceAccount:}, {@code firebase:},
   * {@code allAuthenticatedUsers} or {@code allUsers}); further members ({@code group:}, {@code domain:})
   * are added to what it matches. Emails and domains are compared by {@link #foldCase}.
   *
   * @throws IllegalArgumentException when the principal is not one of those forms
   */
  public static Caller fromMembers(List<String> memberList) {
    if (memberList.isEmpty()) {
      throw new IllegalArgumentException("at least one member is required");
    }
    String principal = memberList.get(0).trim();
    if (principal.equals(Caller.ALL_USERS)) {
      return Caller.ANONYMOUS;
    }
    List<String> members = new ArrayList<>();
    if (!principal.equals(Caller.ALL_AUTHENTICATED_USERS)) {
      int colon = principal.indexOf(':');
      String prefix = colon < 0 ? "" : principal.substring(0, colon + 1);
      if (!Set.of("user:", "serviceAccount:", "firebase:").contains(prefix)
          || principal.length() == prefix.length()) {
        throw new IllegalArgumentException("the caller must be user:EMAIL, serviceAccount:EMAIL, firebase:UID,"
            + " allAuthenticatedUsers or allUsers: \"" + principal + "\"");
      }
      principal = prefix.equals("firebase:") ? principal : prefix + foldCase(principal.substring(colon + 1));
      members.add(principal);
    }
    for (String extra : memberList.subList(1, memberList.size())) {
      String member = extra.trim();
      int colon = member.indexOf(':');
      members.add(colon < 0 || member.startsWith("firebase:") ? member : member.substring(0, colon + 1)
          + foldCase(member.substring(colon + 1)));
    }
    members.add(Caller.ALL_AUTHENTICATED_USERS);
    members.add(Caller.ALL_USERS);
    return new Caller(principal, members.stream().distinct().toList(), false, false, false);
  }

  /**
   * The caller with its groups resolved. A resolver failure is logged and gives the caller no groups,
   * marked {@link Caller#groupLookupFailed()}; it never grants. Anonymous callers have no groups.
   */
  public static Caller withGroups(Caller caller, GroupResolver resolver) {
    if (caller.anonymous() || resolver == GroupResolver.NONE) {
      return caller;
    }
    try {
      Set<String> groups = resolver.groupsOf(caller);
      return groups == null ? caller.withGroupLookupFailed() : caller.withGroups(groups);
    } catch (RuntimeException e) {
      LOG.warn("group lookup failed for {}: group: members will not match ({})", caller.principal(),
          e.toString());
      return caller.withGroupLookupFailed();
    }
  }

  /**
   * The form in which emails and domains are compared, by the policy, deny rules, group memberships and
   * callers alike: IAM compares emails case-insensitively, so the ASCII letters {@code A-Z} of an all-ASCII
   * value are lowercased. A value holding any character outside ASCII is returned unchanged: it matches only
   * a value spelled exactly the same. No Unicode case folding or normalisation is applied, so that two
   * different strings never fold together ({@code \u212Aate@example.com}, with a KELVIN SIGN, is not
   * {@code kate@example.com}).
   */
  public static String foldCase(String value) {
    char[] folded = null;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c >= 0x80) {
        return value;
      }
      if (c >= 'A' && c <= 'Z') {
        if (folded == null) {
          folded = value.toCharArray();
        }
        folded[i] = (char) (c + ('a' - 'A'));
      }
    }
    return folded == null ? value : new String(folded);
  }

  static boolean isServiceAccount(String lowerEmail) {
    String domain = lowerEmail.substring(lowerEmail.lastIndexOf('@') + 1);
    return domain.equals("gserviceaccount.com") || domain.endsWith(".gserviceaccount.com");
  }
}
