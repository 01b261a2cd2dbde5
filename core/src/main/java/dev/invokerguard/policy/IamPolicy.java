package dev.invokerguard.policy;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An IAM allow policy as {@code gcloud run services get-iam-policy --format json|yaml} prints it and the
 * {@code getIamPolicy} REST method returns it. See the
 * <a href="https://cloud.google.com/iam/docs/reference/rest/v1/Policy">IAM Policy reference</a>.
 * {@code auditConfigs} are not kept: they do not affect access.
 *
 * @param version 0, 1 or 3 (0 when the document does not say)
 * @param etag the etag, or {@code null}
 * @param bindings the bindings in document order
 */
public record IamPolicy(int version, @Nullable String etag, List<Binding> bindings) {
  public IamPolicy {
    bindings = List.copyOf(bindings);
  }
}
