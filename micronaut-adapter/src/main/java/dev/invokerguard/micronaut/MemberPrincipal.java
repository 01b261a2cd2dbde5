package dev.invokerguard.micronaut;

import dev.invokerguard.identity.Caller;
import java.security.Principal;
import java.util.Objects;

/**
 * An allowed caller as the request's {@link Principal} ({@code HttpRequest#getUserPrincipal()}): its name is
 * the caller's IAM member, e.g. {@code user:alice@example.com}.
 *
 * @param caller the caller the guard allowed
 */
public record MemberPrincipal(Caller caller) implements Principal {
  public MemberPrincipal {
    Objects.requireNonNull(caller, "caller");
  }

  @Override
  public String getName() {
    return caller.principal();
  }

  @Override
  public String toString() {
    return caller.principal();
  }
}
