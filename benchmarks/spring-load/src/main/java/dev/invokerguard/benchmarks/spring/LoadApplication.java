package dev.invokerguard.benchmarks.spring;

import dev.invokerguard.testing.DemoMode;
import dev.invokerguard.testing.TestIssuer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;

/**
 * The Spring sample's controller under three configurations, chosen by {@code LOAD_MODE}, for the load and
 * start-up benchmarks ({@code benchmarks/spring-load/run.sh}):
 * <ul>
 *   <li>{@code unguarded}: no check at all (the starter off, Spring Security not configured);
 *   <li>{@code guarded}: InvokerGuard's starter with the demo policy ({@code INVOKERGUARD_*} variables);
 *   <li>{@code resource-server}: Spring Security's OAuth2 resource server ({@code jwk-set-uri} on the same
 *       local key endpoint, {@code issuer-uri} and {@code audiences} set, no discovery): every request with a
 *       valid token passes; there is no policy;
 *   <li>{@code issuer}: not a server: a local test issuer that writes its key URL and signed tokens to
 *       {@code ISSUER_DIR} and runs until stopped.
 * </ul>
 */
@SpringBootApplication
public class LoadApplication {
  static final String AUDIENCE = "https://svc.example.com";
  static final List<String> SECURITY_AUTO_CONFIGURATIONS = List.of(
      "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
      "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
      "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
      "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
      "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet."
          + "OAuth2ResourceServerAutoConfiguration");

  public static void main(String[] args) throws Exception {
    String mode = System.getenv().getOrDefault("LOAD_MODE", "guarded").toLowerCase(Locale.ROOT);
    if (mode.equals("issuer")) {
      issuer(Path.of(System.getenv("ISSUER_DIR")));
      return;
    }
    Map<String, Object> defaults = new HashMap<>();
    defaults.put("load.mode", mode);
    defaults.put("server.port", System.getenv().getOrDefault("PORT", "8080"));
    switch (mode) {
      case "unguarded" -> {
        defaults.put("invokerguard.enabled", "false");
        defaults.put("spring.autoconfigure.exclude", String.join(",", SECURITY_AUTO_CONFIGURATIONS));
      }
      case "guarded" -> defaults.put("spring.autoconfigure.exclude", String.join(",", SECURITY_AUTO_CONFIGURATIONS));
      case "resource-server" -> {
        defaults.put("invokerguard.enabled", "false");
        defaults.put("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", System.getenv("JWKS_URI"));
        defaults.put("spring.security.oauth2.resourceserver.jwt.issuer-uri", "https://accounts.google.com");
        defaults.put("spring.security.oauth2.resourceserver.jwt.audiences", AUDIENCE);
      }
      default -> throw new IllegalArgumentException("LOAD_MODE must be unguarded, guarded, resource-server"
          + " or issuer: " + mode);
    }
    SpringApplication application = new SpringApplication(LoadApplication.class);
    application.setDefaultProperties(defaults);
    application.addListeners((ApplicationReadyEvent ready) -> System.out.println("spring-load " + mode
        + " ready"));
    application.run(args);
  }

  /** Writes {@code jwks-uri} and {@code tokens} (eight tokens of two granted callers, one a line). */
  static void issuer(Path dir) throws Exception {
    TestIssuer issuer = TestIssuer.start();
    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      tokens.add(issuer.user("alice@example.com").audience(AUDIENCE).sign());
      tokens.add(issuer.serviceAccount("reporter@demo-project.iam.gserviceaccount.com").audience(AUDIENCE)
          .sign());
    }
    Files.write(dir.resolve("tokens"), tokens);
    Files.writeString(dir.resolve("policy"), DemoMode.POLICY);
    Files.writeString(dir.resolve("jwks-uri"), issuer.jwksUri().toString());
    Thread.currentThread().join();
  }
}
