package dev.invokerguard.spring.security;

import dev.invokerguard.identity.Caller;
import java.util.List;
import java.util.Objects;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A caller InvokerGuard verified and allowed, as Spring Security's {@code Authentication}: the name is the
 * caller's IAM member ({@code user:alice@example.com}), the principal is the core's {@link Caller}, and
 * the authorities are every IAM member the caller matches except {@code allUsers}
 * ({@code user:...} or {@code serviceAccount:...}, {@code group:...}, {@code domain:...},
 * {@code allAuthenticatedUsers}), so that {@code hasAuthority("group:ops@example.com")} works in
 * {@code authorizeHttpRequests} and {@code @PreAuthorize}. The token itself is not kept (no credentials).
 */
public final class InvokerGuardAuthentication extends AbstractAuthenticationToken {
  private static final long serialVersionUID = 1L;

  private final transient Caller caller;

  public InvokerGuardAuthentication(Caller caller) {
    super(authorities(caller));
    this.caller = Objects.requireNonNull(caller, "caller");
    setAuthenticated(!caller.anonymous());
  }

  /** The caller as the core sees it. */
  public Caller caller() {
    return caller;
  }

  @Override
  public Caller getPrincipal() {
    return caller;
  }

  /** None: the token is verified and dropped. */
  @Override
  public Object getCredentials() {
    return null;
  }

  /** The caller's own IAM member, e.g. {@code user:alice@example.com}. */
  @Override
  public String getName() {
    return caller.principal();
  }

  private static List<GrantedAuthority> authorities(Caller caller) {
    return caller.members().stream().filter(m -> !m.equals(Caller.ALL_USERS))
        .<GrantedAuthority>map(SimpleGrantedAuthority::new).toList();
  }
}
