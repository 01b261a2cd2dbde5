package dev.invokerguard.policy;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One rule of an IAM deny policy, with principals in the IAM v2 forms and permissions in the v2 form
 * {@code SERVICE_FQDN/RESOURCE.ACTION} (for example {@code run.googleapis.com/routes.invoke}). See
 * <a href="https://cloud.google.com/iam/docs/deny-overview">Deny policies</a> and
 * <a href="https://cloud.google.com/iam/docs/principal-identifiers">Principal identifiers</a>.
 *
 * @param description the rule's description, or {@code null}
 * @param deniedPrincipals who is denied
 * @param exceptionPrincipals who is exempt, even when listed in {@code deniedPrincipals}
 * @param deniedPermissions what is denied
 * @param exceptionPermissions what is exempt, even when matched by {@code deniedPermissions}
 * @param denialCondition when the rule applies, or {@code null} for always
 */
public record DenyRule(
    String description,
    List<String> deniedPrincipals,
    List<String> exceptionPrincipals,
    List<String> deniedPermissions,
    List<String> exceptionPermissions,
    @Nullable Condition denialCondition) {
  public DenyRule {
    deniedPrincipals = List.copyOf(deniedPrincipals);
    exceptionPrincipals = List.copyOf(exceptionPrincipals);
    deniedPermissions = List.copyOf(deniedPermissions);
    exceptionPermissions = List.copyOf(exceptionPermissions);
  }
}
