package dev.invokerguard.policy.source;

import dev.invokerguard.policy.PolicyEvaluator;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One loaded policy, immutable: the evaluator compiled from every layer, the IAM {@code etag} of what was
 * loaded, and when. See <a href="https://cloud.google.com/iam/docs/policies#etag">IAM policy etags</a>.
 *
 * @param evaluator decides requests with this policy
 * @param etag the policy's etag (layers joined with {@code ,}; a content hash for files), or {@code null}
 * @param loadedAt when the policy was loaded (for a last-known-good copy: when that copy was saved)
 * @param origin where it came from: the locations, or {@code last-known-good:PATH}
 */
public record PolicySnapshot(PolicyEvaluator evaluator, @Nullable String etag, Instant loadedAt, String origin) {
  public PolicySnapshot {
    Objects.requireNonNull(evaluator, "evaluator");
    Objects.requireNonNull(loadedAt, "loadedAt");
    Objects.requireNonNull(origin, "origin");
  }
}
