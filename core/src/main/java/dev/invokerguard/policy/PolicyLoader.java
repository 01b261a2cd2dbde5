package dev.invokerguard.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Loads allow policies (the JSON or YAML of {@code gcloud run services get-iam-policy}, or the bare
 * {@code {"bindings": [...]}} that {@code set-iam-policy} accepts) and IAM v2 deny policies, compiling them
 * for one permission. A document loads whole or not at all: the result lists every problem with its
 * location. See the <a href="https://cloud.google.com/iam/docs/reference/rest/v1/Policy">IAM Policy
 * reference</a> and <a href="https://cloud.google.com/iam/docs/deny-overview">Deny policies</a>.
 *
 * <p>InvokerGuard extensions to what Cloud IAM accepts: the member {@code firebase:UID} matches a
 * Firebase / Identity Platform caller by uid, and a binding of {@code allUsers} may carry a condition
 * (Cloud IAM refuses that; locally it is how a policy opens {@code /public/**}).
 *
 * <p>Immutable and thread-safe.
 */
public final class PolicyLoader {
  /** The permission a Cloud Run request needs. */
  public static final String DEFAULT_PERMISSION = "run.routes.invoke";
  private static final Pattern PERMISSION = Pattern.compile("[a-z0-9]+(\\.[A-Za-z0-9]+){2,}");

  private final String permission;
  private final RoleCatalog roles;
  private final ConditionCompiler compiler;

  private PolicyLoader(Builder builder) {
    this.permission = builder.permission;
    this.roles = builder.roles;
    this.compiler = builder.compiler;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A loader for {@link #DEFAULT_PERMISSION} with the built-in roles. */
  public static PolicyLoader defaults() {
    return builder().build();
  }

  public String permission() {
    return permission;
  }

  /** Loads an allow policy attached at {@code layer}. */
  public LoadResult<LoadedAllowPolicy> loadAllow(PolicyText text, PolicyLayer layer) {
    Objects.requireNonNull(layer, "layer");
    ProblemList problems = new ProblemList(text.name());
    JsonNode root = DocumentReader.readObject(text, problems);
    if (root == null) {
      return LoadResult.of(null, problems);
    }
    IamPolicy policy = AllowPolicyReader.read(root, problems);
    java.util.Set<Integer> granting = new java.util.HashSet<>();
    List<Grant> grants = AllowPolicyCompiler.compile(policy, layer, roles, permission, compiler, problems,
        granting);
    return LoadResult.of(new LoadedAllowPolicy(text.name(), layer, policy, permission, problems.warnings(),
        grants, granting), problems);
  }

  /** Loads an IAM v2 deny policy. */
  public LoadResult<LoadedDenyPolicy> loadDeny(PolicyText text) {
    ProblemList problems = new ProblemList(text.name());
    JsonNode root = DocumentReader.readObject(text, problems);
    if (root == null) {
      return LoadResult.of(null, problems);
    }
    DenyPolicy policy = DenyPolicyReader.read(root, problems);
    List<DenyRuleEntry> rules = DenyPolicyCompiler.compile(policy, permission, compiler, problems);
    return LoadResult.of(
        new LoadedDenyPolicy(text.name(), policy, permission, problems.warnings(), rules), problems);
  }

  /** Loads an allow policy or throws a {@link PolicyLoadException} listing every problem. */
  public LoadedAllowPolicy loadAllowOrThrow(PolicyText text, PolicyLayer layer) {
    return loadAllow(text, layer).orThrow();
  }

  /** Loads a deny policy or throws a {@link PolicyLoadException} listing every problem. */
  public LoadedDenyPolicy loadDenyOrThrow(PolicyText text) {
    return loadDeny(text).orThrow();
  }

  /** Builds a {@link PolicyLoader}; {@link #build()} validates. */
  public static final class Builder {
    private String permission = DEFAULT_PERMISSION;
    private RoleCatalog roles = RoleCatalog.builtIn();
    private ConditionCompiler compiler = ConditionCompilers.standard();

    private Builder() {}

    /** The permission a request needs, in the v1 form {@code service.resource.verb}. */
    public Builder permission(String value) {
      this.permission = value;
      return this;
    }

    /** The roles and their permissions (built-in by default; add custom roles to it). */
    public Builder roles(RoleCatalog value) {
      this.roles = value;
      return this;
    }

    Builder conditionCompiler(ConditionCompiler value) {
      this.compiler = value;
      return this;
    }

    public PolicyLoader build() {
      Objects.requireNonNull(roles, "roles");
      Objects.requireNonNull(compiler, "conditionCompiler");
      if (permission == null || !PERMISSION.matcher(permission).matches()) {
        throw new IllegalArgumentException("permission \"" + permission
            + "\" must be service.resource.verb, e.g. " + DEFAULT_PERMISSION);
      }
      return new PolicyLoader(this);
    }
  }
}
