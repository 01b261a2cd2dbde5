package dev.invokerguard.benchmarks.spring;

import dev.invokerguard.identity.Caller;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The sample's answer, {@code {"principal": ..., "path": ...}}, in each mode's own way. */
final class LoadControllers {
  private LoadControllers() {}

  static Map<String, String> body(String principal, HttpServletRequest request) {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("principal", principal);
    body.put("path", request.getServletPath());
    return body;
  }

  @RestController
  @ConditionalOnProperty(name = "load.mode", havingValue = "guarded")
  static class Guarded {
    @GetMapping("/**")
    Map<String, String> get(Caller caller, HttpServletRequest request) {
      return body(caller.principal(), request);
    }
  }

  @RestController
  @ConditionalOnProperty(name = "load.mode", havingValue = "unguarded")
  static class Unguarded {
    @GetMapping("/**")
    Map<String, String> get(HttpServletRequest request) {
      return body(Caller.ALL_USERS, request);
    }
  }

  @RestController
  @ConditionalOnProperty(name = "load.mode", havingValue = "resource-server")
  static class ResourceServer {
    @GetMapping("/**")
    Map<String, String> get(@AuthenticationPrincipal Jwt jwt, HttpServletRequest request) {
      return body("user:" + jwt.getClaimAsString("email"), request);
    }
  }

  /** Every request needs a valid token: Spring Security's OAuth2 resource server, stateless. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnProperty(name = "load.mode", havingValue = "resource-server")
  static class ResourceServerSecurity {
    @Bean
    SecurityFilterChain resourceServer(HttpSecurity http) throws Exception {
      return http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
          .oauth2ResourceServer(server -> server.jwt(jwt -> {}))
          .csrf(csrf -> csrf.disable())
          .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
          .build();
    }
  }
}
