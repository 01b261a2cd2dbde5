package dev.invokerguard.policy;

import dev.invokerguard.identity.Callers;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns member strings of allow policies and principal identifiers of deny policies into the keys a
 * caller is matched by ({@code user:a@example.com} with the email in the form {@link Callers#foldCase}
 * gives, {@code domain:example.com}, {@code allUsers}, ...). A form that can never match a Google-signed
 * token gives no key and a warning.
 * See <a href="https://cloud.google.com/iam/docs/principal-identifiers">Principal identifiers</a>.
 */
final class MemberForms {
  static final String ALL_USERS = "allUsers";
  static final String ALL_AUTHENTICATED_USERS = "allAuthenticatedUsers";

  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");
  private static final Pattern DOMAIN = Pattern.compile("[^@\\s/:]+");
  private static final Pattern UID = Pattern.compile("\\S+");
  private static final List<String> EMAIL_KINDS = List.of("user", "serviceAccount", "group");
  private static final Pattern WORKLOAD_KSA = Pattern.compile("[^@\\s]+\\.svc\\.id\\.goog\\[[^\\]]+\\]");

  private MemberForms() {}

  /** The match key of an allow-policy member, or {@code null} when it never matches (reported). */
  static String allowMemberKey(String member, String location, PolicyLayer layer, ProblemList problems) {
    if (member.equals(ALL_USERS) || member.equals(ALL_AUTHENTICATED_USERS)) {
      if (layer == PolicyLayer.PROJECT) {
        problems.error(PolicyProblemCode.PUBLIC_MEMBER_IN_PROJECT_LAYER, location,
            member + " cannot be granted in a project-level policy");
        return null;
      }
      return member;
    }
    int colon = member.indexOf(':');
    String prefix = colon < 0 ? member : member.substring(0, colon);
    String value = colon < 0 ? "" : member.substring(colon + 1);
    switch (prefix) {
      case "user", "group" -> {
        return emailKey(prefix, value, member, location, problems);
      }
      case "serviceAccount" -> {
        if (WORKLOAD_KSA.matcher(value).matches()) {
          return unmatchable(member, location, "a Kubernetes service account", problems);
        }
        return emailKey(prefix, value, member, location, problems);
      }
      case "domain" -> {
        if (!DOMAIN.matcher(value).matches()) {
          return malformed(member, location, "a domain name", problems);
        }
        return "domain:" + Callers.foldCase(value);
      }
      case "firebase" -> {
        if (!UID.matcher(value).matches()) {
          return malformed(member, location, "a Firebase uid", problems);
        }
        return member;
      }
      case "firebaseTenant" -> {
        if (!dev.invokerguard.token.FirebaseTenants.isTenantId(value)) {
          return malformed(member, location, "an Identity Platform tenant id (letters, digits and hyphens)",
              problems);
        }
        return member;
      }
      case "firebaseTenantUser" -> {
        if (Callers.tenantOf(value) == null || !UID.matcher(value).matches()) {
          return malformed(member, location, "a tenant and a Firebase uid, TENANT/UID", problems);
        }
        return member;
      }
      case "deleted" -> {
        return deleted(member, location, problems);
      }
      case "projectOwner", "projectEditor", "projectViewer" -> {
        return unmatchable(member, location, "a project convenience value", problems);
      }
      case "principal", "principalSet" -> {
        if (isFederatedOrResourceSet(member)) {
          return unmatchable(member, location, "a workforce, workload or resource principal", problems);
        }
        problems.error(PolicyProblemCode.MALFORMED_MEMBER, location, "\"" + member + "\" is not a"
            + " principal identifier an allow policy accepts (use user:, serviceAccount:, group:, domain:)");
        return null;
      }
      default -> {
        problems.error(PolicyProblemCode.UNKNOWN_MEMBER_PREFIX, location, "\"" + member + "\" has an"
            + " unknown prefix (expected user:, serviceAccount:, group:, domain:, deleted:, firebase:,"
            + " firebaseTenant:, firebaseTenantUser:, allUsers or allAuthenticatedUsers)");
        return null;
      }
    }
  }

  /**
   * The match key of a deny-policy principal, or {@code null} when it never matches (reported). A denied
   * principal that no token can name (a Cloud Identity customer, a workforce or workload set) is an error:
   * the rule could not be enforced, and a deny that silently lets its principals in fails open. As an
   * exception principal it is a warning: an exception that never matches exempts nobody.
   */
  static String denyPrincipalKey(String principal, String location, boolean denied, ProblemList problems) {
    String subject = after(principal, "principal://goog/subject/");
    if (subject != null) {
      return emailKey("user", subject, principal, location, problems);
    }
    String serviceAccount = after(principal, "principal://iam.googleapis.com/projects/-/serviceAccounts/");
    if (serviceAccount != null) {
      return emailKey("serviceAccount", serviceAccount, principal, location, problems);
    }
    String group = after(principal, "principalSet://goog/group/");
    if (group != null) {
      return emailKey("group", group, principal, location, problems);
    }
    if (principal.equals("principalSet://goog/public:all")) {
      return ALL_USERS;
    }
    if (principal.startsWith("principalSet://goog/cloudIdentityCustomerId/")) {
      return denied ? unenforceable(principal, location, "a Cloud Identity customer (no token names one)", problems)
          : unmatchable(principal, location, "a Cloud Identity customer (no token names one)", problems);
    }
    if (principal.startsWith("deleted:principal://")) {
      return deleted(principal, location, problems);
    }
    if (isFederatedOrResourceSet(principal)) {
      return denied ? unenforceable(principal, location, "a workforce, workload or resource principal", problems)
          : unmatchable(principal, location, "a workforce, workload or resource principal", problems);
    }
    problems.error(PolicyProblemCode.UNKNOWN_PRINCIPAL_FORM, location, "\"" + principal + "\" is not an"
        + " IAM v2 principal identifier (e.g. principal://goog/subject/EMAIL,"
        + " principalSet://goog/group/EMAIL, principalSet://goog/public:all)");
    return null;
  }

  /**
   * The loose form of an email member key ({@code user:}, {@code serviceAccount:}, {@code group:}), or
   * {@code null} for other keys: NFKC-normalised and lowercased with full Unicode rules, so that look-alike
   * spellings ({@code \u212Aate@example.com}, full-width letters, {@code K\u00C4TE} for {@code k\u00E4te})
   * share it. Used only to widen denied principals: a deny rule also applies to every spelling that folds
   * to its own. Allow bindings and deny exceptions never use it.
   */
  static String looseEmailKey(String key) {
    int colon = key.indexOf(':');
    if (colon < 0 || !EMAIL_KINDS.contains(key.substring(0, colon))) {
      return null;
    }
    return key.substring(0, colon + 1)
        + Normalizer.normalize(key.substring(colon + 1), Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
  }

  /** Whether a denied principal's key names one of these caller members, exactly or by its loose form. */
  static boolean deniedMatches(String key, List<String> callerMembers) {
    if (callerMembers.contains(key)) {
      return true;
    }
    String loose = looseEmailKey(key);
    return loose != null && callerMembers.stream().anyMatch(m -> loose.equals(looseEmailKey(m)));
  }

  private static boolean isFederatedOrResourceSet(String member) {
    return member.startsWith("principal://iam.googleapis.com/")
        || member.startsWith("principalSet://iam.googleapis.com/")
        || member.startsWith("principalSet://cloudresourcemanager.googleapis.com/");
  }

  private static String after(String value, String prefix) {
    return value.startsWith(prefix) ? value.substring(prefix.length()) : null;
  }

  private static String emailKey(String kind, String email, String member, String location,
      ProblemList problems) {
    if (!EMAIL.matcher(email).matches()) {
      return malformed(member, location, "an email address", problems);
    }
    return kind + ":" + Callers.foldCase(email);
  }

  private static String deleted(String member, String location, ProblemList problems) {
    problems.warning(PolicyProblemCode.DELETED_MEMBER, location,
        "\"" + member + "\" is a deleted principal: it never matches");
    return null;
  }

  private static String unmatchable(String member, String location, String what, ProblemList problems) {
    problems.warning(PolicyProblemCode.UNMATCHABLE_MEMBER, location, "\"" + member + "\" is " + what
        + ", which a Google-signed ID token can never match: it never matches");
    return null;
  }

  private static String unenforceable(String principal, String location, String what, ProblemList problems) {
    problems.error(PolicyProblemCode.UNENFORCEABLE_DENIAL, location, "\"" + principal + "\" is " + what
        + ", which a Google-signed ID token can never name: this deny rule could not be enforced; name the"
        + " principals it should deny (principal://goog/subject/EMAIL, principalSet://goog/group/EMAIL)");
    return null;
  }

  private static String malformed(String member, String location, String expected, ProblemList problems) {
    problems.error(PolicyProblemCode.MALFORMED_MEMBER, location,
        "\"" + member + "\" must name " + expected);
    return null;
  }
}
