package dev.invokerguard.micronaut;

import dev.invokerguard.identity.Caller;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.core.util.StringUtils;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.filters.AuthenticationFetcher;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import org.reactivestreams.Publisher;

/**
 * With Micronaut Security on the class path, the caller InvokerGuard allowed is Micronaut Security's
 * authenticated user: the name is the caller's IAM member ({@code user:alice@example.com}) and the roles are
 * every member the caller matches except {@code allUsers} (its own member, {@code domain:...},
 * {@code group:...}, {@code allAuthenticatedUsers}), so {@code @Secured("user:alice@example.com")} and
 * {@code @Secured("group:ops@example.com")} work. The attribute {@value #MEMBERS_ATTRIBUTE} lists the members.
 * An anonymous caller admitted by an {@code allUsers} binding stays anonymous for Micronaut Security.
 *
 * <p>InvokerGuard's filter runs before Micronaut Security's ({@link InvokerGuardServerFilter#ORDER}).
 */
@Singleton
@Requires(classes = AuthenticationFetcher.class)
@Requires(property = InvokerGuardConfiguration.ENABLED_PROPERTY, notEquals = StringUtils.FALSE)
public class InvokerGuardAuthenticationFetcher implements AuthenticationFetcher<HttpRequest<?>> {
  /** The authentication attribute listing every IAM member the caller matches. */
  public static final String MEMBERS_ATTRIBUTE = "invokerguard.members";

  @Override
  public Publisher<Authentication> fetchAuthentication(HttpRequest<?> request) {
    Caller caller = request.getAttribute(InvokerGuardServerFilter.CALLER_ATTRIBUTE, Caller.class).orElse(null);
    if (caller == null || caller.anonymous()) {
      return Publishers.empty();
    }
    List<String> roles = caller.members().stream().filter(m -> !m.equals(Caller.ALL_USERS)).toList();
    return Publishers.just(Authentication.build(caller.principal(), roles,
        Map.of(MEMBERS_ATTRIBUTE, caller.members())));
  }
}
