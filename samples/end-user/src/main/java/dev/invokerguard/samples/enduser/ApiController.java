package dev.invokerguard.samples.enduser;

import dev.invokerguard.identity.Caller;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The guarded API. The guard decides before any of these runs (the local layer opens {@code /api/public/};
 * the policy grants {@code /api/me} and {@code /api/admin/}); each answers with the caller it allowed, a
 * {@link Caller} argument: {@code {"endpoint", "principal", "members", "path"}}, and for a Firebase user
 * how it signed in ({@code signInProvider}) and its Identity Platform {@code tenant}, if any.
 */
@RestController
class ApiController {

  @GetMapping("/api/public/**")
  Map<String, Object> open(Caller caller, HttpServletRequest request) {
    return answer("public", caller, request);
  }

  @GetMapping("/api/me")
  Map<String, Object> me(Caller caller, HttpServletRequest request) {
    Map<String, Object> body = answer("me", caller, request);
    caller.email().ifPresent(email -> body.put("email", email));
    return body;
  }

  @GetMapping("/api/admin/**")
  Map<String, Object> admin(Caller caller, HttpServletRequest request) {
    return answer("admin", caller, request);
  }

  private static Map<String, Object> answer(String endpoint, Caller caller, HttpServletRequest request) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("endpoint", endpoint);
    body.put("principal", caller.principal());
    body.put("members", caller.members());
    caller.signInProvider().ifPresent(provider -> body.put("signInProvider", provider));
    caller.firebaseTenant().ifPresent(tenant -> body.put("tenant", tenant));
    body.put("path", request.getRequestURI());
    return body;
  }
}
