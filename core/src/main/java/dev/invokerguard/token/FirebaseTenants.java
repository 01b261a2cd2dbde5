package dev.invokerguard.token;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Which Identity Platform tenants a Firebase token family accepts, by the token's {@code firebase.tenant}
 * claim (see Google's "Identity Platform multi-tenancy": a tenant is a separate pool of users, each with its
 * own sign-in providers, and a UID is unique only within its tenant). A token of a tenant not listed is
 * rejected with {@link TokenError#TENANT_NOT_ALLOWED}; a token without the claim (a project-level user) is
 * accepted only when {@link #projectUsers()} is true.
 *
 * <p>{@link #PROJECT_ONLY}, the default, accepts project-level tokens and refuses every tenant's: a service
 * that never configured tenants never lets a tenant's users in.
 *
 * @param tenants the accepted tenant ids (letters, digits and hyphens)
 * @param projectUsers whether tokens without a tenant (the project's own users) are accepted
 */
public record FirebaseTenants(Set<String> tenants, boolean projectUsers) {
  /** The word of {@link #parse} that also accepts project-level tokens, which carry no tenant. */
  public static final String PROJECT = "project";
  /** Project-level tokens only: every tenant's token is refused. */
  public static final FirebaseTenants PROJECT_ONLY = new FirebaseTenants(Set.of(), true);

  private static final Pattern TENANT_ID = Pattern.compile("[A-Za-z0-9-]{1,128}");

  public FirebaseTenants {
    tenants = Set.copyOf(tenants);
    for (String tenant : tenants) {
      if (!isTenantId(tenant)) {
        throw new IllegalArgumentException("a tenant id is letters, digits and hyphens: \"" + tenant + "\"");
      }
    }
    if (tenants.isEmpty() && !projectUsers) {
      throw new IllegalArgumentException("accepting no tenant and no project-level token accepts nothing");
    }
  }

  /**
   * The tenants a list names: tenant ids, and {@value #PROJECT} to also accept project-level tokens. An empty
   * list is {@link #PROJECT_ONLY}.
   *
   * @throws IllegalArgumentException naming the first value that is not a tenant id, or one given twice
   */
  public static FirebaseTenants parse(Collection<String> values) {
    if (values.isEmpty()) {
      return PROJECT_ONLY;
    }
    Set<String> tenants = new LinkedHashSet<>();
    boolean project = false;
    for (String value : values) {
      boolean fresh = PROJECT.equals(value) ? !project : value != null && !tenants.contains(value);
      if (!fresh) {
        throw new IllegalArgumentException("lists \"" + value + "\" twice");
      }
      if (PROJECT.equals(value)) {
        project = true;
      } else if (isTenantId(value)) {
        tenants.add(value);
      } else {
        throw new IllegalArgumentException("lists \"" + value + "\", which is neither a tenant id (letters,"
            + " digits and hyphens) nor " + PROJECT);
      }
    }
    return new FirebaseTenants(tenants, project);
  }

  /** Whether {@code value} has the form of a tenant id: 1 to 128 letters, digits and hyphens. */
  public static boolean isTenantId(@Nullable String value) {
    return value != null && TENANT_ID.matcher(value).matches();
  }

  /** Whether a token of this tenant (empty: a project-level token) is accepted. */
  public boolean accepts(Optional<String> tenant) {
    return tenant.map(tenants::contains).orElse(projectUsers);
  }
}
