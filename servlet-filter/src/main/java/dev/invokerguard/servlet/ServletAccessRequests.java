package dev.invokerguard.servlet;

import dev.invokerguard.request.AccessRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Enumeration;

/**
 * Translates a servlet request into the core's {@link AccessRequest}: method, {@code Host}, raw path, and the
 * headers the guard reads ({@link AccessRequest#HEADERS_READ}); no rule is applied here.
 */
final class ServletAccessRequests {
  private ServletAccessRequests() {}

  static AccessRequest of(HttpServletRequest request) {
    AccessRequest.Builder builder = AccessRequest.builder(request.getMethod(), host(request),
        path(request));
    for (String name : AccessRequest.HEADERS_READ) {
      if (request.getHeader(name) == null) {
        continue; // most are absent: a lookup that allocates nothing
      }
      Enumeration<String> values = request.getHeaders(name);
      while (values != null && values.hasMoreElements()) {
        builder.header(name, values.nextElement());
      }
    }
    return builder.build();
  }

  /** The {@code Host} header as sent; without one (HTTP/2 {@code :authority}), the authority the container read. */
  static String host(HttpServletRequest request) {
    String host = request.getHeader("Host");
    if (host != null) {
      return host;
    }
    String name = request.getServerName();
    return name == null ? "" : name + ":" + request.getServerPort();
  }

  /**
   * The request-target's path as received: Jakarta Servlet 6.0 {@code getRequestURI()} is not decoded and
   * excludes the query; for an absolute-form target it is the path part only.
   */
  static String path(HttpServletRequest request) {
    String uri = request.getRequestURI();
    return uri == null || uri.isEmpty() ? "/" : uri;
  }
}
