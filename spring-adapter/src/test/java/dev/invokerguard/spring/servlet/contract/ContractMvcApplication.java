package dev.invokerguard.spring.servlet.contract;

import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The adapter contract's echo endpoint as a Spring MVC application on Tomcat, with Spring Security letting
 * every request through (the guard decides): every GET answers the principal Spring exposes and the path
 * the servlet container routed.
 */
@SpringBootApplication
public class ContractMvcApplication {

  @Bean
  SecurityFilterChain security(HttpSecurity http) throws Exception {
    return http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
        .csrf(csrf -> csrf.disable())
        .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .build();
  }

  @RestController
  static class Echo {
    @GetMapping("/**")
    Map<String, String> echo(Principal principal, HttpServletRequest request) {
      Map<String, String> body = new LinkedHashMap<>();
      body.put("principal", principal == null ? "allUsers" : principal.getName());
      body.put("path", request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo()));
      return body;
    }
  }
}
