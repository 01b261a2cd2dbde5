package dev.invokerguard.servlet;

import dev.invokerguard.identity.Caller;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.security.Principal;

/**
 * The allowed request as the application sees it: the caller as {@link #getUserPrincipal()} (name = IAM
 * member), {@link #getRemoteUser()} and {@link #getAuthType()}, and as the request attribute
 * {@value InvokerGuardFilter#CALLER_ATTRIBUTE}. An anonymous caller has no principal (Jakarta Servlet 6.0,
 * section 13.3: {@code null} when not authenticated).
 */
final class AuthenticatedRequest extends HttpServletRequestWrapper {
  private final Principal principal;

  AuthenticatedRequest(HttpServletRequest request, Caller caller) {
    super(request);
    this.principal = caller.anonymous() ? null : new MemberPrincipal(caller.principal());
    request.setAttribute(InvokerGuardFilter.CALLER_ATTRIBUTE, caller);
  }

  @Override
  public Principal getUserPrincipal() {
    return principal;
  }

  @Override
  public String getRemoteUser() {
    return principal == null ? null : principal.getName();
  }

  @Override
  public String getAuthType() {
    return principal == null ? null : InvokerGuardFilter.AUTH_TYPE;
  }

  @Override
  public boolean isUserInRole(String role) {
    return false;
  }

  /** A caller's IAM member as a {@link Principal}. */
  record MemberPrincipal(String name) implements Principal {
    @Override
    public String getName() {
      return name;
    }

    @Override
    public String toString() {
      return name;
    }
  }
}
