package dev.invokerguard.micronaut;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import java.util.TreeSet;

/** Routes guarded by Micronaut Security rules too, behind InvokerGuard; only in the security tests. */
@Controller
@Requires(property = SecuredController.ENABLED, value = "true")
class SecuredController {
  static final String ENABLED = "test.secured-controller";

  @Get(uri = "/private/secured/alice", produces = MediaType.TEXT_PLAIN)
  @Secured("user:alice@example.com")
  String alice(Authentication authentication) {
    return "name=" + authentication.getName();
  }

  @Get(uri = "/private/secured/ops", produces = MediaType.TEXT_PLAIN)
  @Secured("group:ops@example.com")
  String ops(Authentication authentication) {
    return "name=" + authentication.getName();
  }

  @Get(uri = "/private/secured/any", produces = MediaType.TEXT_PLAIN)
  @Secured(SecurityRule.IS_AUTHENTICATED)
  String any(Authentication authentication) {
    return "name=" + authentication.getName() + " roles=" + new TreeSet<>(authentication.getRoles());
  }

  @Get(uri = "/public/secured/any", produces = MediaType.TEXT_PLAIN)
  @Secured(SecurityRule.IS_AUTHENTICATED)
  String publicAuthenticated() {
    return "authenticated";
  }

  @Get(uri = "/public/secured/anonymous", produces = MediaType.TEXT_PLAIN)
  @Secured(SecurityRule.IS_ANONYMOUS)
  String publicAnonymous() {
    return "anonymous";
  }
}
