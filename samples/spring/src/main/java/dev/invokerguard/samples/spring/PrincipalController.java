package dev.invokerguard.samples.spring;

import dev.invokerguard.identity.Caller;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers every GET with the caller InvokerGuard allowed (a {@link Caller} argument) and the path the
 * application routes: {@code {"principal": ..., "path": ...}}.
 */
@RestController
class PrincipalController {

  @GetMapping("/**")
  Map<String, String> get(Caller caller, HttpServletRequest request) {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("principal", caller.principal());
    body.put("path", routedPath(request));
    return body;
  }

  /** The servlet path and path info: the request path decoded once, dot segments resolved. */
  static String routedPath(HttpServletRequest request) {
    String info = request.getPathInfo();
    return request.getServletPath() + (info == null ? "" : info);
  }
}
