package dev.invokerguard.samples.micronaut;

import dev.invokerguard.identity.Caller;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.serde.annotation.Serdeable;

/**
 * Answers every GET path with the caller's IAM member (the {@link Caller} argument InvokerGuard binds) and the
 * path the application routes, decoded: {@code {"principal": ..., "path": ...}} (DESIGN.md, "The sample
 * contract").
 */
@Controller
class PrincipalController {

  /** The answer's body. */
  @Serdeable
  record Answer(String principal, String path) {}

  @Get("/")
  Answer root(@Nullable Caller caller, HttpRequest<?> request) {
    return answer(caller, request);
  }

  @Get("/{+path}")
  Answer any(String path, @Nullable Caller caller, HttpRequest<?> request) {
    return answer(caller, request);
  }

  /** Without InvokerGuard ({@code INVOKERGUARD_ENABLED=false}) there is no caller: everyone is allUsers. */
  private static Answer answer(@Nullable Caller caller, HttpRequest<?> request) {
    return new Answer(caller == null ? Caller.ALL_USERS : caller.principal(), request.getUri().getPath());
  }
}
