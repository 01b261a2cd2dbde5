package dev.invokerguard.spring.servlet;

import dev.invokerguard.InvokerGuard;
import dev.invokerguard.identity.Caller;
import dev.invokerguard.servlet.InvokerGuardFilter;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.Supplier;
import org.springframework.web.cors.CorsConfigurationSource;

/**
 * The core's {@link InvokerGuardFilter} as Spring registers it: the core filter decides and writes
 * denials; around it this filter adds, to a denial of a cross-origin request, the CORS response headers
 * the application's CORS configuration gives that request ({@link DenialCorsResponse}), and hands an
 * allowed, authenticated caller to Spring Security when it is present ({@link CallerExposure}).
 */
final class GuardServletFilter implements Filter {
  private final InvokerGuardFilter core;
  private final Supplier<CorsConfigurationSource> cors;
  private final CallerExposure exposure;

  /**
   * @param guard the guard
   * @param cors the application's CORS configuration, looked up on first use; supplies {@code null} when
   *     there is none
   * @param exposure what to do with an allowed caller before the application runs, or {@code null}
   */
  GuardServletFilter(InvokerGuard guard, Supplier<CorsConfigurationSource> cors, CallerExposure exposure) {
    this.core = new InvokerGuardFilter(guard);
    this.cors = cors;
    this.exposure = exposure;
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (!(request instanceof HttpServletRequest http) || !(response instanceof HttpServletResponse out)) {
      throw new ServletException("InvokerGuard handles HTTP requests only");
    }
    HttpServletResponse guarded = DenialCorsResponse.isCrossOrigin(http)
        ? new DenialCorsResponse(http, out, cors) : out;
    core.doFilter(http, guarded, (allowed, ignored) -> proceed((HttpServletRequest) allowed, out, chain));
  }

  private void proceed(HttpServletRequest allowed, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    Caller caller = (Caller) allowed.getAttribute(InvokerGuardFilter.CALLER_ATTRIBUTE);
    if (exposure == null || caller == null || caller.anonymous()) {
      chain.doFilter(allowed, response);
      return;
    }
    exposure.proceed(allowed, response, caller, chain);
  }
}
