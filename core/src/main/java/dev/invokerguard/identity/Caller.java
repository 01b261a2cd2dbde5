package dev.invokerguard.identity;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Who made a request, as the IAM members the caller matches (see
 * <a href="https://cloud.google.com/iam/docs/principal-identifiers">Principal identifiers</a>):
 * {@code user:EMAIL} or {@code serviceAccount:EMAIL}, {@code firebase:UID}, {@code domain:D},
 * {@code group:EMAIL}, {@code allAuthenticatedUsers}, and always {@code allUsers}; an Identity Platform tenant's
 * user {@code firebaseTenantUser:TENANT/UID} and {@code firebaseTenant:TENANT} (see {@link Callers}). Emails and domains are
 * kept in the form {@link Callers#foldCase} gives (ASCII letters lowercased; a value with other characters
 * as is).
 *
 * @param principal the caller's own IAM member, for display: {@code user:...}, {@code serviceAccount:...},
 *     {@code firebase:...}, {@code allAuthenticatedUsers} for a verified token without an email, or
 *     {@code allUsers} for an anonymous caller
 * @param members every member the caller matches, most specific first, always ending with {@code allUsers}
 * @param anonymous true when no verified token identifies the caller
 * @param emailMissing true when the caller's token carried no {@code email} claim
 * @param groupLookupFailed true when the caller's groups could not be resolved ({@code group:} members then
 *     do not match)
 * @param firebaseSignIn the tenant and sign-in provider of a Firebase / Identity Platform token, or
 *     {@code null} for other callers
 */
public record Caller(String principal, List<String> members, boolean anonymous, boolean emailMissing,
    boolean groupLookupFailed, @Nullable FirebaseSignIn firebaseSignIn) {

  public static final String ALL_USERS = "allUsers";
  public static final String ALL_AUTHENTICATED_USERS = "allAuthenticatedUsers";

  /** A caller without a verified token. */
  public static final Caller ANONYMOUS = new Caller(ALL_USERS, List.of(ALL_USERS), true, false, false);

  /**
   * How a Firebase / Identity Platform user signed in: the token's {@code firebase.tenant} and
   * {@code firebase.sign_in_provider} claims.
   *
   * @param tenant the Identity Platform tenant id, or {@code null} for a project-level user
   * @param signInProvider {@code password}, {@code google.com}, {@code anonymous}, {@code custom}, ... or
   *     {@code null} when the token does not say
   */
  public record FirebaseSignIn(@Nullable String tenant, @Nullable String signInProvider) {
    /** The {@code sign_in_provider} of an anonymous sign-in. */
    public static final String ANONYMOUS_PROVIDER = "anonymous";

    /** Whether this is an anonymous sign-in. */
    public boolean anonymousSignIn() {
      return ANONYMOUS_PROVIDER.equals(signInProvider);
    }
  }

  /** A caller that did not sign in with Firebase / Identity Platform. */
  public Caller(String principal, List<String> members, boolean anonymous, boolean emailMissing,
      boolean groupLookupFailed) {
    this(principal, members, anonymous, emailMissing, groupLookupFailed, null);
  }

  public Caller {
    Objects.requireNonNull(principal, "principal");
    members = List.copyOf(members);
    if (members.isEmpty() || !members.get(members.size() - 1).equals(ALL_USERS)) {
      throw new IllegalArgumentException("a caller's members end with allUsers: " + members);
    }
  }

  /** Whether the caller matches a member key (emails in the form {@link Callers#foldCase} gives). */
  public boolean matches(String member) {
    return members.contains(member);
  }

  /**
   * The caller's email (as {@link Callers#foldCase} gives it), when the principal is a {@code user:} or
   * {@code serviceAccount:}.
   */
  public Optional<String> email() {
    if (principal.startsWith("user:")) {
      return Optional.of(principal.substring("user:".length()));
    }
    if (principal.startsWith("serviceAccount:")) {
      return Optional.of(principal.substring("serviceAccount:".length()));
    }
    return Optional.empty();
  }

  /** The Identity Platform tenant of a Firebase caller ({@code firebase.tenant}); empty for others. */
  public Optional<String> firebaseTenant() {
    return firebaseSignIn == null ? Optional.empty() : Optional.ofNullable(firebaseSignIn.tenant());
  }

  /** How a Firebase caller signed in ({@code firebase.sign_in_provider}); empty for others. */
  public Optional<String> signInProvider() {
    return firebaseSignIn == null ? Optional.empty() : Optional.ofNullable(firebaseSignIn.signInProvider());
  }

  /** The same caller, also matching {@code group:} for each group email. */
  public Caller withGroups(Collection<String> groupEmails) {
    if (groupEmails.isEmpty()) {
      return this;
    }
    List<String> all = new ArrayList<>(members.size() + groupEmails.size());
    all.addAll(members.subList(0, members.size() - 1));
    for (String group : groupEmails) {
      String member = "group:" + Callers.foldCase(group);
      if (!all.contains(member)) {
        int authenticated = all.indexOf(ALL_AUTHENTICATED_USERS);
        all.add(authenticated < 0 ? all.size() : authenticated, member);
      }
    }
    all.add(ALL_USERS);
    return new Caller(principal, all, anonymous, emailMissing, groupLookupFailed, firebaseSignIn);
  }

  /** The same caller, marked as having groups that could not be resolved. */
  public Caller withGroupLookupFailed() {
    return new Caller(principal, members, anonymous, emailMissing, true, firebaseSignIn);
  }
}
