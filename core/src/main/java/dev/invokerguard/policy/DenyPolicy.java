package dev.invokerguard.policy;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An IAM v2 deny policy (the JSON that {@code gcloud iam policies get} prints and
 * {@code gcloud iam policies create --policy-file} reads). See
 * <a href="https://cloud.google.com/iam/docs/deny-overview">Deny policies</a>.
 *
 * @param name the policy's resource name, or {@code null}
 * @param displayName the display name, or {@code null}
 * @param rules the rules in document order
 */
public record DenyPolicy(@Nullable String name, @Nullable String displayName, List<DenyRule> rules) {
  public DenyPolicy {
    rules = List.copyOf(rules);
  }
}
