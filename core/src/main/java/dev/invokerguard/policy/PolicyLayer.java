package dev.invokerguard.policy;

/**
 * Where an allow policy is attached. Several layers are evaluated as their union, the way IAM combines
 * a resource's policy with the policies it inherits (see
 * <a href="https://cloud.google.com/iam/docs/policy-evaluation">Policy evaluation</a>).
 *
 * <p>{@code allUsers} and {@code allAuthenticatedUsers} cannot be granted in a {@link #PROJECT} layer:
 * loading one that does fails. The {@link #LOCAL} layer is InvokerGuard's own: the application's policy
 * ({@code invokerguard.local-policy}, {@code invokerguard.public-paths}), never written to Cloud IAM.
 */
public enum PolicyLayer {
  /** A project-level policy, inherited by the service. */
  PROJECT,
  /** The Cloud Run service's own policy. */
  SERVICE,
  /**
   * The application's own layer, shipped with it and evaluated beside the service's policy: it may open
   * paths to {@code allUsers} and {@code allAuthenticatedUsers} under conditions.
   */
  LOCAL;

  /**
   * The layer of the location at {@code index} in a list of {@code count} policy locations
   * ({@code invokerguard.policy}): the last is the service's policy, every one before it a project layer.
   */
  public static PolicyLayer ofPosition(int index, int count) {
    if (index < 0 || index >= count) {
      throw new IllegalArgumentException("position " + index + " is not among " + count + " locations");
    }
    return index == count - 1 ? SERVICE : PROJECT;
  }
}
