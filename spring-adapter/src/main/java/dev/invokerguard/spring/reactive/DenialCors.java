package dev.invokerguard.spring.reactive;

import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.server.ServerWebExchange;

/**
 * For a denial of a cross-origin request from an origin the application's CORS configuration allows: the
 * headers that configuration gives ({@code Access-Control-Allow-Origin}, {@code -Allow-Credentials},
 * {@code -Expose-Headers}, {@code Vary: Origin}), so that a browser shows the script the 401 or 403.
 */
final class DenialCors {
  private DenialCors() {}

  static void apply(ServerWebExchange exchange, CorsConfigurationSource source) {
    String origin = exchange.getRequest().getHeaders().getOrigin();
    if (origin == null || source == null) {
      return;
    }
    CorsConfiguration configuration = source.getCorsConfiguration(exchange);
    String allowed = configuration == null ? null : configuration.checkOrigin(origin);
    if (allowed == null) {
      return;
    }
    HttpHeaders headers = exchange.getResponse().getHeaders();
    headers.add(HttpHeaders.VARY, HttpHeaders.ORIGIN);
    headers.set(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, allowed);
    if (Boolean.TRUE.equals(configuration.getAllowCredentials())) {
      headers.set(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
    }
    List<String> exposed = configuration.getExposedHeaders();
    if (exposed != null && !exposed.isEmpty()) {
      headers.set(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, String.join(", ", exposed));
    }
  }
}
