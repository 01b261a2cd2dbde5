package dev.invokerguard.samples.enduser;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * CORS the Spring MVC way (the <a href="https://fetch.spec.whatwg.org/#http-cors-protocol">Fetch
 * standard's CORS protocol</a>): the page's origin only, {@code GET} with an {@code Authorization} header,
 * and {@code WWW-Authenticate} readable by the page. Preflights pass the guard without a token
 * ({@code invokerguard.preflight-paths}, every path by default) and are answered here; the guard's 401 and
 * 403 get these same headers from the starter, so that the page sees their status and problem instead of
 * a CORS failure.
 */
@Configuration(proxyBeanMethods = false)
class ApiCors implements WebMvcConfigurer {
  private final String pageOrigin;

  ApiCors(@Value("${sample.page-origin}") String pageOrigin) {
    this.pageOrigin = pageOrigin;
  }

  @Override
  public void addCorsMappings(CorsRegistry registry) {
    registry.addMapping("/api/**")
        .allowedOrigins(pageOrigin)
        .allowedMethods("GET")
        .allowedHeaders(HttpHeaders.AUTHORIZATION)
        .exposedHeaders(HttpHeaders.WWW_AUTHENTICATE)
        .maxAge(600);
  }
}
