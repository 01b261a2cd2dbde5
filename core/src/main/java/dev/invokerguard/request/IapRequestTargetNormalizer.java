package dev.invokerguard.request;

import dev.invokerguard.Internal;

/**
 * Normalises the request target as IAP does before conditions see {@code request.host} and
 * {@code request.path}, and refuses ambiguous targets with a 400 (the path firewall): the host through
 * {@link HostNormalizer}, the path through {@link RequestPathNormalizer} and {@link PathFirewall}. See the
 * <a href="https://cloud.google.com/iam/docs/conditions-attribute-reference">IAM Conditions attribute
 * reference</a> and <a href="https://www.rfc-editor.org/rfc/rfc3986">RFC 3986</a>.
 */
@Internal
public final class IapRequestTargetNormalizer implements RequestTargetNormalizer {

  private final boolean allowPathParameters;

  /**
   * @param allowPathParameters whether {@code ;} parameters in path segments are removed (as IAP does) rather
   *     than refused
   */
  public IapRequestTargetNormalizer(boolean allowPathParameters) {
    this.allowPathParameters = allowPathParameters;
  }

  @Override
  public NormalizedTarget normalize(String host, String rawPath) {
    try {
      String path = RequestPathNormalizer.normalize(rawPath, allowPathParameters);
      return NormalizedTarget.accepted(HostNormalizer.normalize(host), path);
    } catch (TargetRejection e) {
      return NormalizedTarget.rejected(e.getMessage());
    }
  }
}
