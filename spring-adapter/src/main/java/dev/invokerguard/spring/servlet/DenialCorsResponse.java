package dev.invokerguard.spring.servlet;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.http.HttpHeaders;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;

/**
 * The response of a cross-origin request while the guard decides it: when the guard answers with an error
 * status, the response first gets the headers the application's CORS configuration gives an allowed
 * origin (the <a href="https://fetch.spec.whatwg.org/#http-responses">Fetch standard's</a>
 * {@code Access-Control-Allow-Origin}, {@code -Allow-Credentials}, {@code -Expose-Headers}, and
 * {@code Vary: Origin}), so that a browser shows the script the 401 or 403 instead of a CORS error. An
 * origin the configuration does not allow gets no CORS header, as it would from the application.
 */
final class DenialCorsResponse extends HttpServletResponseWrapper {
  private final HttpServletRequest request;
  private final Supplier<CorsConfigurationSource> source;
  private boolean applied;

  DenialCorsResponse(HttpServletRequest request, HttpServletResponse response,
      Supplier<CorsConfigurationSource> source) {
    super(response);
    this.request = request;
    this.source = source;
  }

  /** A request with an {@code Origin} header (same-origin requests are decided as any other). */
  static boolean isCrossOrigin(HttpServletRequest request) {
    return request.getHeader(HttpHeaders.ORIGIN) != null;
  }

  @Override
  public void setStatus(int status) {
    if (status >= 400) {
      addCorsHeaders();
    }
    super.setStatus(status);
  }

  private void addCorsHeaders() {
    if (applied || getHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN) != null) {
      return;
    }
    applied = true;
    CorsConfigurationSource configurations = source.get();
    CorsConfiguration configuration = configurations == null ? null
        : configurations.getCorsConfiguration(request);
    if (configuration == null) {
      return;
    }
    String origin = configuration.checkOrigin(request.getHeader(HttpHeaders.ORIGIN));
    if (origin == null) {
      return;
    }
    addHeader(HttpHeaders.VARY, HttpHeaders.ORIGIN);
    setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
    if (Boolean.TRUE.equals(configuration.getAllowCredentials())) {
      setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
    }
    List<String> exposed = configuration.getExposedHeaders();
    if (exposed != null && !exposed.isEmpty()) {
      setHeader(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, String.join(", ", exposed));
    }
  }
}
