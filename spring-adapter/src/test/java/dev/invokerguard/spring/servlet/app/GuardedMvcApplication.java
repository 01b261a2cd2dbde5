package dev.invokerguard.spring.servlet.app;

import dev.invokerguard.identity.Caller;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/** A Spring MVC application with Spring Security, CORS and method security, guarded by the starter. */
@SpringBootApplication
@EnableMethodSecurity
public class GuardedMvcApplication {
  public static final String ALLOWED_ORIGIN = "https://app.example.com";

  @Bean
  SecurityFilterChain security(HttpSecurity http) throws Exception {
    return http.authorizeHttpRequests(requests -> requests
            .requestMatchers("/private/admin/**").hasAuthority("user:alice@example.com")
            .anyRequest().permitAll())
        .cors(cors -> {})
        .csrf(csrf -> csrf.disable())
        .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .build();
  }

  @Bean
  CorsConfigurationSource corsConfigurationSource() {
    CorsConfiguration cors = new CorsConfiguration();
    cors.addAllowedOrigin(ALLOWED_ORIGIN);
    cors.addAllowedMethod("GET");
    cors.addAllowedHeader("Authorization");
    cors.setAllowCredentials(true);
    cors.addExposedHeader("WWW-Authenticate");
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
    String principal(Principal principal) {
      return principal.getName();
    }

    @GetMapping("/private/authentication")
    Map<String, Object> authentication(Authentication authentication) {
      List<String> authorities = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
          .toList();
      return Map.of("name", authentication.getName(), "authorities", authorities);
    }

    @GetMapping("/private/admin/report")
    String admin() {
      return "admin report";
    }

    @PreAuthorize("hasAuthority('serviceAccount:robot@p.iam.gserviceaccount.com')")
    @GetMapping("/private/robots")
    String robots() {
      return "robots only";
    }
  }
}
