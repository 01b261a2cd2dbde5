package dev.invokerguard.request;

import dev.invokerguard.Internal;

/**
 * Normalises a request's host and path the way IAP documents, and refuses ambiguous paths (the path
 * firewall). Runs before any rule sees the request.
 */
@Internal
public interface RequestTargetNormalizer {

  /**
   * @param host the {@code Host} as the client sent it (may carry a port, upper case, a trailing dot)
   * @param rawPath the raw request path as it arrived (percent-escapes intact, no query)
   */
  NormalizedTarget normalize(String host, String rawPath);
}
