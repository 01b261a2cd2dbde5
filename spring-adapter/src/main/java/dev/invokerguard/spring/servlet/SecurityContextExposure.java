package dev.invokerguard.spring.servlet;

import dev.invokerguard.identity.Caller;
import dev.invokerguard.spring.security.InvokerGuardAuthentication;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;

/**
 * Spring Security present: the allowed caller becomes an {@link InvokerGuardAuthentication} in the
 * security context of the request, both in the {@link SecurityContextHolder} and saved in the request
 * attribute that Spring Security's filter chain loads first ({@link RequestAttributeSecurityContextRepository},
 * part of its default and of its stateless repository), so that {@code authorizeHttpRequests} and
 * {@code @PreAuthorize} see it. The context is cleared when the request leaves the filter.
 */
final class SecurityContextExposure implements CallerExposure {
  private final SecurityContextRepository repository = new RequestAttributeSecurityContextRepository();

  @Override
  public void proceed(HttpServletRequest request, HttpServletResponse response, Caller caller, FilterChain chain)
      throws IOException, ServletException {
    SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();
    SecurityContext context = holder.createEmptyContext();
    context.setAuthentication(new InvokerGuardAuthentication(caller));
    holder.setContext(context);
    repository.saveContext(context, request, response);
    try {
      chain.doFilter(request, response);
    } finally {
      holder.clearContext();
    }
  }
}
