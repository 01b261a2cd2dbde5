package dev.invokerguard.request;

import dev.invokerguard.Internal;
import org.jspecify.annotations.Nullable;

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
  /** The last host accepted and its normal form: a service is reached under few hosts, most often one. */
  private volatile @Nullable HostMemo lastHost;

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
      return NormalizedTarget.accepted(host(host), path);
    } catch (TargetRejection e) {
      return NormalizedTarget.rejected(e.getMessage());
    }
  }

  private String host(String host) throws TargetRejection {
    HostMemo memo = lastHost;
    if (memo != null && memo.raw.equals(host)) {
      return memo.normalized;
    }
    String normalized = HostNormalizer.normalize(host);
    lastHost = new HostMemo(host, normalized);
    return normalized;
  }

  private record HostMemo(String raw, String normalized) {}
}
