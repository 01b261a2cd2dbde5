package dev.invokerguard.micronaut;

import dev.invokerguard.DecisionReason;
import dev.invokerguard.HttpProblem;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the Netty server passes on that a servlet container would not, and that would make Micronaut route
 * another request than the one the guard judges; such requests are answered 400 before the guard is asked:
 *
 * <ul>
 *   <li>{@code .} and {@code ..} path segments: the guard resolves them
 *       (<a href="https://www.rfc-editor.org/rfc/rfc3986#section-5.2.4">RFC 3986 section 5.2.4</a>), Netty
 *       and Micronaut's router do not, so {@code /private/../public/a} would be judged as {@code /public/a}
 *       and routed as sent;
 *   <li>more than one {@code Host} header
 *       (<a href="https://www.rfc-editor.org/rfc/rfc9112#section-3.2">RFC 9112 section 3.2</a>: a server
 *       must answer 400).
 * </ul>
 *
 * <p>The answer is the guard's {@link DecisionReason#PATH_REJECTED} problem. It is given in shadow mode too:
 * it is about what the server would route, not about the policy.
 */
final class NettyRequestTargets {
  private NettyRequestTargets() {}

  /** The 400 answer for a request Micronaut would route differently from how the guard judges it, if any. */
  static Optional<HttpProblem> refusal(String path, RequestHeaders headers) {
    if (headers.hosts() > 1) {
      return Optional.of(problem("the Host header is sent more than once"));
    }
    if (hasDotSegment(path)) {
      return Optional.of(problem("the path has '.' or '..' segments, which this server routes as sent"));
    }
    return Optional.empty();
  }

  /** Whether a path has a {@code .} or {@code ..} segment (encoded dots are the guard's path firewall's). */
  static boolean hasDotSegment(String path) {
    if (path.indexOf('.') < 0) {
      return false;
    }
    int start = 0;
    while (start <= path.length()) {
      int end = path.indexOf('/', start);
      if (end < 0) {
        end = path.length();
      }
      String segment = path.substring(start, end);
      int parameters = segment.indexOf(';');
      if (parameters >= 0) {
        segment = segment.substring(0, parameters);
      }
      if (segment.equals(".") || segment.equals("..")) {
        return true;
      }
      start = end + 1;
    }
    return false;
  }

  private static HttpProblem problem(String why) {
    DecisionReason reason = DecisionReason.PATH_REJECTED;
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", HttpProblem.CONTENT_TYPE);
    headers.put("Cache-Control", "no-store");
    String body = "{\"type\":\"" + reason.problemType() + "\",\"title\":\"" + reason.title() + "\",\"status\":"
        + reason.status() + ",\"detail\":\"The request target is ambiguous or malformed: " + why + ".\"}";
    return new HttpProblem(reason.status(), headers, body);
  }
}
