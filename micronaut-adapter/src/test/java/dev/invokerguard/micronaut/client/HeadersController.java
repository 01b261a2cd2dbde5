package dev.invokerguard.micronaut.client;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;

/**
 * What a called service sees of the two headers, as {@code authorization=<bearer|the value|none>
 * serverless=<bearer|none>}, on a guarded path (a target's) and on a public one (no target's).
 */
@Controller
@Requires(property = OutboundSettings.CALLER, value = "true")
public class HeadersController {

  @Get(uri = "/private/headers", produces = MediaType.TEXT_PLAIN)
  String guarded(@Nullable @Header("Authorization") String authorization,
      @Nullable @Header("X-Serverless-Authorization") String serverless) {
    return describe(authorization, serverless);
  }

  @Get(uri = "/public/headers", produces = MediaType.TEXT_PLAIN)
  String open(@Nullable @Header("Authorization") String authorization,
      @Nullable @Header("X-Serverless-Authorization") String serverless) {
    return describe(authorization, serverless);
  }

  private static String describe(String authorization, String serverless) {
    return "authorization=" + shown(authorization) + " serverless=" + shown(serverless);
  }

  private static String shown(String value) {
    if (value == null) {
      return "none";
    }
    return value.startsWith("Bearer ") ? "bearer" : value;
  }
}
