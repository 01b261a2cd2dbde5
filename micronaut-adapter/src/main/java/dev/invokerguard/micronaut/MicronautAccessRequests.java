package dev.invokerguard.micronaut;

import dev.invokerguard.request.AccessRequest;
import io.micronaut.http.HttpRequest;

/**
 * Translates a Micronaut request into the core's {@link AccessRequest}: method, {@code Host}, raw path, and the
 * headers the guard reads ({@link AccessRequest#HEADERS_READ}); no rule is applied here.
 */
final class MicronautAccessRequests {
  private MicronautAccessRequests() {}

  /** The access request, from the request's path ({@link #path}) and headers already read. */
  static AccessRequest of(HttpRequest<?> request, String path, RequestHeaders headers) {
    return headers.copyTo(AccessRequest.builder(request.getMethodName(), host(request, headers), path)).build();
  }

  /** The {@code Host} header as sent; without one, the name and port the server was reached at. */
  private static String host(HttpRequest<?> request, RequestHeaders headers) {
    String host = headers.host();
    if (host != null) {
      return host;
    }
    return request.getServerName() + ":" + request.getServerAddress().getPort();
  }

  /**
   * The request-target's path as received, percent-encoding kept, without the query; for an absolute-form
   * target, its path part.
   */
  static String path(HttpRequest<?> request) {
    String path = request.getPath();
    return path == null || path.isEmpty() ? "/" : path;
  }
}
