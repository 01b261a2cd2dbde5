package dev.invokerguard.micronaut;

import dev.invokerguard.identity.Caller;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.context.ServerRequestContext;
import java.security.Principal;

/**
 * The application behind the filter in the tests: answers every GET path with what it sees of the caller,
 * as {@code caller=<member> principal=<request principal's name, or none> context=<yes|no> path=<path>}.
 */
@Controller
@Requires(property = ContractEchoController.ENABLED, notEquals = "true")
class GuardedController {

  @Get(uri = "/{+path}", produces = MediaType.TEXT_PLAIN)
  String any(String path, Caller caller, HttpRequest<?> request) {
    Principal principal = request.getUserPrincipal().orElse(null);
    boolean context = ServerRequestContext.currentRequest().isPresent();
    return "caller=" + caller.principal() + " principal=" + (principal == null ? "none" : principal.getName())
        + " context=" + (context ? "yes" : "no") + " path=" + request.getPath();
  }

  @Get(uri = "/", produces = MediaType.TEXT_PLAIN)
  String root(Caller caller) {
    return "caller=" + caller.principal();
  }
}
