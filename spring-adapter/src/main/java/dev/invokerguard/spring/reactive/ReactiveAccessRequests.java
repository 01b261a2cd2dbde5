package dev.invokerguard.spring.reactive;

import dev.invokerguard.request.AccessRequest;
import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;

/** Translates a reactive request into the core's {@link AccessRequest}; no rule is applied here. */
final class ReactiveAccessRequests {
  private ReactiveAccessRequests() {}

  static AccessRequest of(ServerHttpRequest request) {
    AccessRequest.Builder builder = AccessRequest.builder(request.getMethod().name(), host(request),
        path(request.getURI()));
    request.getHeaders().forEach((name, values) -> values.forEach(value -> builder.header(name, value)));
    return builder.build();
  }

  /** The {@code Host} header as sent; without one (HTTP/2 {@code :authority}), the authority of the URI. */
  static String host(ServerHttpRequest request) {
    String host = request.getHeaders().getFirst(HttpHeaders.HOST);
    if (host != null) {
      return host;
    }
    URI uri = request.getURI();
    String authority = uri.getRawAuthority();
    return authority == null ? "" : authority;
  }

  /** The request-target's path as received: percent-escapes intact, no query. */
  static String path(URI uri) {
    String path = uri.getRawPath();
    return path == null || path.isEmpty() ? "/" : path;
  }
}
