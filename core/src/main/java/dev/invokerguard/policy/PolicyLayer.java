package dev.invokerguard.policy;

/**
 * Where an allow policy is attached. Several layers are evaluated as their union, the way IAM combines
 * a resource's policy with the policies it inherits (see
 * <a href="https://cloud.google.com/iam/docs/policy-evaluation">Policy evaluation</a>).
 *
 * <p>{@code allUsers} and {@code allAuthenticatedUsers} cannot be granted in a {@link #PROJECT} layer:
 * loading one that does fails.
 */
public enum PolicyLayer {
  /** A project-level policy, inherited by the service. */
  PROJECT,
  /** The Cloud Run service's own policy. */
  SERVICE
}
