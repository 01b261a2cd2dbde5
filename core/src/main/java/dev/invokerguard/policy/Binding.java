package dev.invokerguard.policy;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One binding of an allow policy: a role granted to members, optionally under a condition. See the
 * <a href="https://cloud.google.com/iam/docs/reference/rest/v1/Policy#Binding">IAM Policy reference</a>.
 *
 * @param role the role name ({@code roles/...}, {@code projects/P/roles/R} or {@code organizations/O/roles/R})
 * @param members the member strings exactly as written
 * @param condition the condition, or {@code null} when the binding is unconditional
 */
public record Binding(String role, List<String> members, @Nullable Condition condition) {
  public Binding {
    Objects.requireNonNull(role, "role");
    members = List.copyOf(members);
  }
}
