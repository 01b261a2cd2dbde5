package dev.invokerguard.samples.servlet;

import dev.invokerguard.identity.Caller;
import dev.invokerguard.servlet.InvokerGuardFilter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Answers every GET with the caller's IAM member and the path the application routes (decoded by the
 * container, as the guard evaluated it): {@code {"principal": ..., "path": ...}}.
 */
final class PrincipalServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Caller caller = (Caller) request.getAttribute(InvokerGuardFilter.CALLER_ATTRIBUTE);
    String principal = caller == null ? Caller.ALL_USERS : caller.principal();
    byte[] body = ("{\"principal\": " + json(principal) + ", \"path\": " + json(routedPath(request))
        + "}\n").getBytes(StandardCharsets.UTF_8);
    response.setStatus(200);
    response.setContentType("application/json");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  /** The servlet path and path info: the request path decoded once, dot segments resolved. */
  static String routedPath(HttpServletRequest request) {
    String info = request.getPathInfo();
    return request.getServletPath() + (info == null ? "" : info);
  }

  /** A JSON string literal (RFC 8259 section 7). */
  static String json(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
