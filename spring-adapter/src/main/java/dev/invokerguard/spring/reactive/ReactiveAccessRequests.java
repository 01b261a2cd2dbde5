package dev.invokerguard.spring.reactive;

import dev.invokerguard.request.AccessRequest;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * Translates a reactive request into the core's {@link AccessRequest}: method, {@code Host}, raw path, and the
 * headers the guard reads ({@link AccessRequest#HEADERS_READ}); no rule is applied here.
 */
final class ReactiveAccessRequests {
  private ReactiveAccessRequests() {}

  static AccessRequest of(ServerHttpRequest request) {
    AccessRequest.Builder builder = AccessRequest.builder(request.getMethod().name(), host(request),
        path(request.getURI()));
    HttpHeaders headers = request.getHeaders();
    for (String name : AccessRequest.HEADERS_READ) {
      List<String> values = headers.get(name);
      if (values != null) {
        values.forEach(value -> builder.header(name, value));
      }
    }
    return builder.build();
  }

  /**
   * The {@code Host} header as sent, repeated lines combined with commas (RFC 9110 section 5.3), which the
   * core refuses as no host; without one (HTTP/2 {@code :authority}), the authority of the URI.
   */
  static String host(ServerHttpRequest request) {
    List<String> hosts = request.getHeaders().get(HttpHeaders.HOST);
    if (hosts != null && !hosts.isEmpty()) {
      return String.join(",", hosts);
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
