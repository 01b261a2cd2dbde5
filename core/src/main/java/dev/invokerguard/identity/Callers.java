package dev.invokerguard.identity;

import dev.invokerguard.token.FirebaseTenants;
import dev.invokerguard.token.TokenFamily;
import dev.invokerguard.token.VerifiedToken;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
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
 *   <li>a user of an Identity Platform tenant ({@code firebase.tenant}) is {@code firebaseTenantUser:TENANT/UID}
 *       and {@code firebaseTenant:TENANT}, never {@code firebase:UID} (UIDs are unique only within a tenant)
 *       and never {@code user:EMAIL} (a tenant's own providers vouch for its emails);
 *   <li>every verified caller is {@code allAuthenticatedUsers}, except an anonymous Firebase sign-in, which by
 *       default matches only its UID member (see {@link FirebaseAnonymousUsers}); a token without
 *       {@code email} is only that.
 * </ul>
 */
public final class Callers {
  /** The prefix of a project-level Firebase user's member, {@code firebase:UID}. */
  public static final String FIREBASE = "firebase:";
  /** The prefix of every user of one Identity Platform tenant, {@code firebaseTenant:TENANT}. */
  public static final String FIREBASE_TENANT = "firebaseTenant:";
  /** The prefix of one user of an Identity Platform tenant, {@code firebaseTenantUser:TENANT/UID}. */
  public static final String FIREBASE_TENANT_USER = "firebaseTenantUser:";
  private static final Logger LOG = LoggerFactory.getLogger(Callers.class);

  private Callers() {}

  /** The caller a verified token identifies; an anonymous Firebase sign-in matches only its UID member. */
  public static Caller fromToken(VerifiedToken token) {
    return fromToken(token, FirebaseAnonymousUsers.UID_ONLY);
  }

  /** The caller a verified token identifies, anonymous Firebase sign-ins matching what {@code anonymousUsers} says. */
  public static Caller fromToken(VerifiedToken token, FirebaseAnonymousUsers anonymousUsers) {
    if (token.family() == TokenFamily.Kind.FIREBASE) {
      return fromFirebase(token, anonymousUsers);
    }
    String email = token.family() == TokenFamily.Kind.IAP ? token.email() : token.verifiedEmail().orElse(null);
    if (email != null && email.indexOf('@') < 1) {
      email = null;
    }
    List<String> members = new ArrayList<>(5);
    String principal = null;
    if (email != null) {
      principal = emailMember(email);
      members.add(principal);
    }
    if (token.hostedDomain() != null && !token.hostedDomain().isBlank()) {
      members.add("domain:" + foldCase(token.hostedDomain()));
    }
    members.add(Caller.ALL_AUTHENTICATED_USERS);
    members.add(Caller.ALL_USERS);
    return new Caller(principal == null ? Caller.ALL_AUTHENTICATED_USERS : principal, members, false,
        token.email() == null, false);
  }

  /**
   * A Firebase / Identity Platform user: {@code firebase:UID} (project-level) or
   * {@code firebaseTenantUser:TENANT/UID} with {@code firebaseTenant:TENANT}; {@code user:EMAIL} only for a
   * project-level user's verified email; {@code allAuthenticatedUsers} unless the sign-in is anonymous and
   * {@code anonymousUsers} is {@link FirebaseAnonymousUsers#UID_ONLY}.
   */
  private static Caller fromFirebase(VerifiedToken token, FirebaseAnonymousUsers anonymousUsers) {
    Map<?, ?> claim = token.claims().get("firebase") instanceof Map<?, ?> map ? map : Map.of();
    Caller.FirebaseSignIn signIn = new Caller.FirebaseSignIn(
        claim.get("tenant") instanceof String tenant ? tenant : null,
        claim.get("sign_in_provider") instanceof String provider ? provider : null);
    String tenant = signIn.tenant();
    if (tenant != null && !FirebaseTenants.isTenantId(tenant)) {
      LOG.warn("a verified Firebase token names a tenant that is not a tenant id: it matches only allUsers");
      return new Caller(Caller.ALL_USERS, List.of(Caller.ALL_USERS), false, token.email() == null, false, signIn);
    }
    boolean signedIn = !signIn.anonymousSignIn() || anonymousUsers == FirebaseAnonymousUsers.AUTHENTICATED;
    List<String> members = new ArrayList<>(5);
    String email = token.verifiedEmail().orElse(null);
    if (tenant == null && email != null && email.indexOf('@') > 0) {
      members.add(emailMember(email));
    }
    if (token.subject() != null && !token.subject().isEmpty()) {
      members.add(firebaseMember(tenant, token.subject()));
    }
    String principal = members.isEmpty() ? Caller.ALL_AUTHENTICATED_USERS : members.get(0);
    if (tenant != null && signedIn) {
      members.add(FIREBASE_TENANT + tenant);
    }
    if (signedIn) {
      members.add(Caller.ALL_AUTHENTICATED_USERS);
    }
    members.add(Caller.ALL_USERS);
    return new Caller(principal, members, false, token.email() == null, false, signIn);
  }

  /**
   * The member of one Firebase user: {@code firebase:UID} for a project-level user, or
   * {@code firebaseTenantUser:TENANT/UID} for a user of an Identity Platform tenant (tenant ids never hold a
   * {@code /}, so the first one ends the tenant; the UID is everything after it).
   */
  public static String firebaseMember(@Nullable String tenant, String uid) {
    return tenant == null ? FIREBASE + uid : FIREBASE_TENANT_USER + tenant + "/" + uid;
  }

  private static String emailMember(String email) {
    String key = foldCase(email);
    return (isServiceAccount(key) ? "serviceAccount:" : "user:") + key;
  }

  /**
   * A caller named by IAM members rather than a token, for explaining decisions ("what would this member
   * get"): the first member is the principal ({@code user:}, {@code serviceAccount:}, {@code firebase:},
   * {@code firebaseTenantUser:TENANT/UID}, {@code allAuthenticatedUsers} or {@code allUsers}); further members
   * ({@code group:}, {@code domain:}) are added to what it matches. A tenant user also matches
   * {@code firebaseTenant:TENANT}. Emails and domains are compared by {@link #foldCase}.
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
    Caller.FirebaseSignIn signIn = null;
    if (!principal.equals(Caller.ALL_AUTHENTICATED_USERS)) {
      int colon = principal.indexOf(':');
      String prefix = colon < 0 ? "" : principal.substring(0, colon + 1);
      if (!Set.of("user:", "serviceAccount:", FIREBASE, FIREBASE_TENANT_USER).contains(prefix)
          || principal.length() == prefix.length()) {
        throw new IllegalArgumentException("the caller must be user:EMAIL, serviceAccount:EMAIL, firebase:UID,"
            + " firebaseTenantUser:TENANT/UID, allAuthenticatedUsers or allUsers: \"" + principal + "\"");
      }
      if (prefix.equals(FIREBASE_TENANT_USER)) {
        String tenant = tenantOf(principal.substring(colon + 1));
        if (tenant == null) {
          throw new IllegalArgumentException("a tenant user is firebaseTenantUser:TENANT/UID, the tenant id"
              + " letters, digits and hyphens: \"" + principal + "\"");
        }
        signIn = new Caller.FirebaseSignIn(tenant, null);
        members.add(principal);
        members.add(FIREBASE_TENANT + tenant);
      } else {
        signIn = prefix.equals(FIREBASE) ? new Caller.FirebaseSignIn(null, null) : null;
        principal = prefix.equals(FIREBASE) ? principal : prefix + foldCase(principal.substring(colon + 1));
        members.add(principal);
      }
    }
    for (String extra : memberList.subList(1, memberList.size())) {
      String member = extra.trim();
      int colon = member.indexOf(':');
      members.add(colon < 0 || isFirebaseMember(member) ? member : member.substring(0, colon + 1)
          + foldCase(member.substring(colon + 1)));
    }
    members.add(Caller.ALL_AUTHENTICATED_USERS);
    members.add(Caller.ALL_USERS);
    return new Caller(principal, members.stream().distinct().toList(), false, false, false, signIn);
  }

  /**
   * The tenant of a {@code firebaseTenantUser:} member's value {@code TENANT/UID}, or {@code null} when the
   * value is not a tenant id, a {@code /} and a UID.
   */
  public static @Nullable String tenantOf(String tenantAndUid) {
    int slash = tenantAndUid.indexOf('/');
    if (slash < 0 || slash == tenantAndUid.length() - 1) {
      return null;
    }
    String tenant = tenantAndUid.substring(0, slash);
    return FirebaseTenants.isTenantId(tenant) ? tenant : null;
  }

  /** Firebase members compare exactly: UIDs and tenant ids are case-sensitive. */
  private static boolean isFirebaseMember(String member) {
    return member.startsWith(FIREBASE) || member.startsWith(FIREBASE_TENANT)
        || member.startsWith(FIREBASE_TENANT_USER);
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
