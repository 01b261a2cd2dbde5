package dev.invokerguard.request;

import java.util.List;

/**
 * Whether a CORS preflight ({@code OPTIONS} with {@code Origin} and {@code Access-Control-Request-Method},
 * see the <a href="https://fetch.spec.whatwg.org/#cors-preflight-fetch">Fetch standard</a>) passes
 * without a token, and under which path prefixes. Browsers never send credentials on a preflight, so
 * Cloud Run's own check rejects it.
 *
 * @param enabled whether preflights pass unauthenticated
 * @param pathPrefixes where they pass ({@code /api} covers {@code /api} and {@code /api/...}); empty for
 *     every path
 */
public record PreflightSettings(boolean enabled, List<String> pathPrefixes) {
  public PreflightSettings {
    pathPrefixes = List.copyOf(pathPrefixes);
    for (String prefix : pathPrefixes) {
      if (!prefix.startsWith("/")) {
        throw new IllegalArgumentException("preflight path prefix must start with /: " + prefix);
      }
    }
  }

  /** The default: preflights pass on every path. */
  public static PreflightSettings allPaths() {
    return new PreflightSettings(true, List.of());
  }

  /** Preflights pass only under these path prefixes. */
  public static PreflightSettings under(String... prefixes) {
    if (prefixes.length == 0) {
      throw new IllegalArgumentException("name at least one path prefix");
    }
    return new PreflightSettings(true, List.of(prefixes));
  }

  /** Preflights need a token like any other request. */
  public static PreflightSettings disabled() {
    return new PreflightSettings(false, List.of());
  }

  /**
   * Whether {@code request} is a CORS preflight these settings let through without a token.
   *
   * @param request the request
   * @param normalizedPath its path after the path firewall and normalisation
   * @return true when the request is an {@code OPTIONS} preflight on one of the path prefixes
   */
  public boolean passes(AccessRequest request, String normalizedPath) {
    if (!enabled || !request.method().equals("OPTIONS") || request.headerValues(AccessRequest.ORIGIN).isEmpty()
        || request.headerValues(AccessRequest.ACCESS_CONTROL_REQUEST_METHOD).isEmpty()) {
      return false;
    }
    if (pathPrefixes.isEmpty()) {
      return true;
    }
    for (String prefix : pathPrefixes) {
      if (normalizedPath.equals(prefix) || normalizedPath.startsWith(prefix.endsWith("/") ? prefix : prefix + "/")) {
        return true;
      }
    }
    return false;
  }
}
