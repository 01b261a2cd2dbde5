package dev.invokerguard.spring.reactive.contract;

import java.net.URI;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriUtils;
import reactor.core.publisher.Mono;

/**
 * The adapter contract's echo endpoint as a WebFlux application on Reactor Netty, with Spring Security
 * letting every request through (the guard decides): every GET answers {@code exchange.getPrincipal()} and
 * the request path, dot segments resolved and percent-decoded.
 */
@SpringBootApplication(excludeName = {
    // Tomcat is on the test class path too (for the servlet tests): this application runs on Reactor Netty.
    "org.springframework.boot.tomcat.autoconfigure.reactive.TomcatReactiveWebServerAutoConfiguration",
    "org.springframework.boot.tomcat.autoconfigure.actuate.web.server.TomcatReactiveManagementContextAutoConfiguration"})
@EnableWebFluxSecurity
public class ContractWebFluxApplication {

  @Bean
  SecurityWebFilterChain security(ServerHttpSecurity http) {
    return http.authorizeExchange(exchanges -> exchanges.anyExchange().permitAll())
        .csrf(csrf -> csrf.disable())
        .build();
  }

  /**
   * Event loops of its own: the contract suite runs several of these applications in one JVM at once, and
   * closing one must not dispose the global Reactor Netty resources the others serve on.
   */
  @Bean
  ReactorResourceFactory reactorResourceFactory() {
    ReactorResourceFactory resources = new ReactorResourceFactory();
    resources.setUseGlobalResources(false);
    return resources;
  }

  @RestController
  static class Echo {
    @GetMapping("/**")
    Mono<Map<String, String>> echo(ServerWebExchange exchange) {
      String raw = exchange.getRequest().getPath().pathWithinApplication().value();
      String path = UriUtils.decode(URI.create(raw).normalize().getRawPath(), "UTF-8");
      return exchange.getPrincipal().map(Principal::getName).defaultIfEmpty("allUsers").map(principal -> {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("principal", principal);
        body.put("path", path);
        return body;
      });
    }
  }
}
