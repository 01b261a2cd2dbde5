package dev.invokerguard.micronaut;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The contract suite's echo endpoint (DESIGN.md, "The sample contract"): every GET answers
 * {@code {"principal": P, "path": Q}} with the request's principal (or {@code allUsers}) and the path as the
 * application gets it from Micronaut's router (the route's path variable, which Micronaut decodes). Only in the contract test's applications.
 */
@Controller
@Requires(property = ContractEchoController.ENABLED, value = "true")
class ContractEchoController {
  static final String ENABLED = "test.contract-echo";

  @Get(uri = "/{+path}", produces = MediaType.APPLICATION_JSON)
  Map<String, String> any(String path, HttpRequest<?> request) {
    return echo(request, "/" + path);
  }

  @Get(uri = "/", produces = MediaType.APPLICATION_JSON)
  Map<String, String> root(HttpRequest<?> request) {
    return echo(request, "/");
  }

  private static Map<String, String> echo(HttpRequest<?> request, String path) {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("principal", request.getUserPrincipal().map(Principal::getName).orElse("allUsers"));
    body.put("path", path);
    return body;
  }
}
