package dev.invokerguard.spring.reactive.app;

import dev.invokerguard.identity.Caller;
import java.security.Principal;
import java.util.Map;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** A WebFlux application with Spring Security and CORS, guarded by the starter. */
@SpringBootApplication
@EnableWebFluxSecurity
public class GuardedWebFluxApplication {
  public static final String ALLOWED_ORIGIN = "https://app.example.com";

  @Bean
  SecurityWebFilterChain security(ServerHttpSecurity http) {
    return http.authorizeExchange(exchanges -> exchanges
            .pathMatchers("/private/admin/**").hasAuthority("user:alice@example.com")
            .anyExchange().permitAll())
        .csrf(csrf -> csrf.disable())
        .build();
  }

  @Bean
  CorsConfigurationSource corsConfigurationSource() {
    CorsConfiguration cors = new CorsConfiguration();
    cors.addAllowedOrigin(ALLOWED_ORIGIN);
    cors.addAllowedMethod("GET");
    cors.setAllowCredentials(true);
    UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
    source.registerCorsConfiguration("/**", cors);
    return source;
  }

  @RestController
  static class Endpoints {
    @GetMapping({"/private/caller", "/public/caller"})
    Map<String, Object> caller(Caller caller) {
      return Map.of("principal", caller.principal(), "members", caller.members());
    }

    @GetMapping("/private/principal")
    Mono<String> principal(ServerWebExchange exchange) {
      return exchange.getPrincipal().map(Principal::getName);
    }

    @GetMapping("/private/admin/report")
    String admin() {
      return "admin report";
    }
  }
}
