package dev.invokerguard.samples.enduser;

import dev.invokerguard.spring.servlet.InvokerGuardServletAutoConfiguration;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Logs each CORS preflight and the status it got, around the guard: {@code CORS preflight OPTIONS /api/me
 * from http://localhost:8081 (Access-Control-Request-Headers: authorization): 200}. It shows what the
 * browser asks before a call with a token, and lets the sample's tests see that a preflight happened.
 */
@Configuration(proxyBeanMethods = false)
class PreflightLog {
  private static final Logger LOG = LoggerFactory.getLogger(PreflightLog.class);

  @Bean
  FilterRegistrationBean<OncePerRequestFilter> preflightLogRegistration() {
    FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
      @Override
      protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
          throws ServletException, IOException {
        if (!CorsUtils.isPreFlightRequest(request)) {
          chain.doFilter(request, response);
          return;
        }
        try {
          chain.doFilter(request, response);
        } finally {
          LOG.info("CORS preflight OPTIONS {} from {} (Access-Control-Request-Headers: {}): {}",
              printable(request.getRequestURI()), printable(request.getHeader(HttpHeaders.ORIGIN)),
              printable(request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS)), response.getStatus());
        }
      }
    });
    registration.setName("preflightLog");
    // outside the guard: the status logged is the one the browser gets
    registration.setOrder(InvokerGuardServletAutoConfiguration.FILTER_ORDER - 1);
    return registration;
  }

  /** A request value as it may be logged: control characters replaced, at most 200 characters. */
  static String printable(String value) {
    if (value == null) {
      return "-";
    }
    String text = value.length() > 200 ? value.substring(0, 200) + "..." : value;
    return text.replaceAll("\\p{Cntrl}", "?");
  }
}
