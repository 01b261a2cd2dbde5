package dev.invokerguard.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

/**
 * A service this application calls: requests whose URL starts with {@code url} (same scheme, host
 * and port; the path at a segment boundary) carry an ID token for {@code audience} in {@code
 * header}.
 *
 * <p>The audience defaults to the URL's scheme and host (and port, when one is written): the
 * service's URL, which is what Cloud Run accepts as the audience (<a
 * href="https://cloud.google.com/run/docs/authenticating/service-to-service">service-to-service
 * authentication</a>); a custom audience is set with {@link #withAudience}.
 *
 * @param url the target's base URL ({@code http} or {@code https}, with a host; no query or fragment)
 * @param audience the {@code aud} its tokens are minted for
 * @param header where the token goes
 */
public record OutboundTarget(URI url, String audience, TokenHeader header) {

  /** Validates the target. */
  public OutboundTarget {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(header, "header");
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      throw invalid("a target URL must be http or https: " + url);
    }
    if (url.getHost() == null || url.getHost().isEmpty()) {
      throw invalid("a target URL needs a host: " + url);
    }
    if (url.getRawQuery() != null || url.getRawFragment() != null || url.getRawUserInfo() != null) {
      throw invalid("a target URL has no query, fragment or user info: " + url);
    }
    if (audience == null || audience.isBlank()) {
      throw invalid("a target's audience must not be blank: " + url);
    }
  }

  /** The target {@code url} with the default audience (scheme and host) and header ({@code AUTO}). */
  public static OutboundTarget of(String url) {
    URI uri;
    try {
      uri = new URI(Objects.requireNonNull(url, "url").trim());
    } catch (URISyntaxException e) {
      throw invalid("not a URL: " + url + " (" + e.getReason() + ")");
    }
    return new OutboundTarget(uri, defaultAudience(uri), TokenHeader.AUTO);
  }

  /** This target with a custom audience. */
  public OutboundTarget withAudience(String audience) {
    return new OutboundTarget(url, audience, header);
  }

  /** This target with its token in {@code header}. */
  public OutboundTarget withHeader(TokenHeader header) {
    return new OutboundTarget(url, audience, header);
  }

  /** {@code scheme://host}, with {@code :port} when the URL names one. */
  public static String defaultAudience(URI url) {
    if (url.getScheme() == null || url.getHost() == null) {
      throw invalid("a target URL needs a scheme and a host: " + url);
    }
    String base = url.getScheme().toLowerCase(Locale.ROOT) + "://" + url.getHost().toLowerCase(Locale.ROOT);
    return url.getPort() == -1 ? base : base + ":" + url.getPort();
  }

  /** Whether a request to {@code request} goes to this target. */
  public boolean matches(URI request) {
    if (request == null || request.getScheme() == null || request.getHost() == null) {
      return false;
    }
    if (!request.getScheme().equalsIgnoreCase(url.getScheme())
        || !request.getHost().equalsIgnoreCase(url.getHost())
        || port(request) != port(url)) {
      return false;
    }
    String base = url.getRawPath() == null ? "" : url.getRawPath();
    if (base.isEmpty() || base.equals("/")) {
      return true;
    }
    String path = request.getRawPath() == null ? "" : request.getRawPath();
    String prefix = base.endsWith("/") ? base : base + "/";
    return path.equals(base) || path.startsWith(prefix);
  }

  private static int port(URI uri) {
    if (uri.getPort() != -1) {
      return uri.getPort();
    }
    return uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
  }

  private static OutboundTokenException invalid(String message) {
    return new OutboundTokenException(OutboundErrorCode.INVALID_TARGET, message);
  }
}
