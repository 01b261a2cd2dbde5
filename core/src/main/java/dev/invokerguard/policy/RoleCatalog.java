package dev.invokerguard.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.invokerguard.token.StreamingJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which permissions each role carries: the built-in table of every predefined role that carries a Cloud
 * Run invoke permission ({@code roles-with-run-invoke-permissions.json}, kept as data), plus custom roles
 * read from the IAM {@code roles.get} JSON or YAML (see
 * <a href="https://cloud.google.com/iam/docs/reference/rest/v1/organizations.roles#Role">Role</a>).
 * Immutable.
 */
public final class RoleCatalog {
  static final Pattern PREDEFINED = Pattern.compile("roles/[A-Za-z0-9_.]+");
  static final Pattern CUSTOM = Pattern.compile("(projects|organizations)/[A-Za-z0-9_.:-]+/roles/[A-Za-z0-9_.]+");
  private static final String TABLE = "roles-with-run-invoke-permissions.json";
  private static final RoleCatalog BUILT_IN = new RoleCatalog(readTable(), Set.of());

  private final Map<String, Set<String>> permissionsByRole;
  private final Set<String> inactive;

  private RoleCatalog(Map<String, Set<String>> permissionsByRole, Set<String> inactive) {
    this.permissionsByRole = Map.copyOf(permissionsByRole);
    this.inactive = Set.copyOf(inactive);
  }

  /** The predefined roles that carry {@code run.routes.invoke} (and the other Cloud Run invoke permissions). */
  public static RoleCatalog builtIn() {
    return BUILT_IN;
  }

  /**
   * This catalog plus the custom roles of a roles document: one {@code Role} object, a list of them, or
   * a {@code roles.list} response ({@code {"roles": [...]}}).
   */
  public LoadResult<RoleCatalog> withCustomRoles(PolicyText text) {
    ProblemList problems = new ProblemList(text.name());
    JsonNode root = DocumentReader.readObjectOrList(text, problems);
    Map<String, Set<String>> roles = new HashMap<>(permissionsByRole);
    Set<String> inactiveRoles = new java.util.HashSet<>(inactive);
    if (root != null) {
      CustomRoleReader.read(root, roles, inactiveRoles, permissionsByRole.keySet(), problems);
    }
    return LoadResult.of(new RoleCatalog(roles, inactiveRoles), problems);
  }

  /** This catalog plus one custom role; throws {@link IllegalArgumentException} for a malformed name. */
  public RoleCatalog withCustomRole(String name, Collection<String> permissions) {
    if (!CUSTOM.matcher(name).matches()) {
      throw new IllegalArgumentException("custom role " + name
          + " must be projects/P/roles/R or organizations/O/roles/R");
    }
    Map<String, Set<String>> roles = new HashMap<>(permissionsByRole);
    roles.put(name, Set.copyOf(permissions));
    return new RoleCatalog(roles, inactive);
  }

  /** Whether {@code role} carries {@code permission} (an unknown or inactive role carries nothing). */
  public boolean grants(String role, String permission) {
    return grant(role, permission) == Grant.GRANTS;
  }

  /** What a role means for a permission. */
  enum Grant { GRANTS, DOES_NOT_GRANT, INACTIVE, UNKNOWN }

  Grant grant(String role, String permission) {
    if (inactive.contains(role)) {
      return Grant.INACTIVE;
    }
    Set<String> permissions = permissionsByRole.get(role);
    if (permissions == null) {
      return Grant.UNKNOWN;
    }
    return permissions.contains(permission) ? Grant.GRANTS : Grant.DOES_NOT_GRANT;
  }

  private static Map<String, Set<String>> readTable() {
    try (InputStream in = RoleCatalog.class.getResourceAsStream(TABLE)) {
      if (in == null) {
        throw new IllegalStateException("built-in role table " + TABLE + " is missing from the jar");
      }
      JsonNode roles = StreamingJson.readLenient(in.readAllBytes()).get("roles");
      Map<String, Set<String>> table = new HashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = roles.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> role = it.next();
        java.util.List<String> perms = new java.util.ArrayList<>();
        role.getValue().get("perms").forEach(p -> perms.add(p.textValue()));
        table.put(role.getKey(), Set.copyOf(perms));
      }
      return table;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the built-in role table " + TABLE, e);
    }
  }
}
