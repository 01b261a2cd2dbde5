package dev.invokerguard.spring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.invokerguard.DecisionCounts;
import dev.invokerguard.InvokerGuard;
import dev.invokerguard.tck.RunningAdapter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A Spring Boot application started for the adapter contract suite the way a user runs one: the suite's
 * {@code invokerguard.*} settings as application properties, the server on a free loopback port accepting
 * 48 KiB of request headers, and Actuator's health endpoint on a separate management port (which the guard
 * does not cover), where the suite reads the {@code invokerGuard} health component.
 */
public final class BootContractAdapter implements RunningAdapter {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20)).build();

  private final ConfigurableApplicationContext context;

  private BootContractAdapter(ConfigurableApplicationContext context) {
    this.context = context;
  }

  /**
   * Runs {@code application} with the suite's settings.
   *
   * @param application the {@code @SpringBootApplication} class holding the echo endpoint
   * @param type servlet (Tomcat) or reactive (Reactor Netty)
   * @param settings the suite's {@code invokerguard.*} properties
   */
  public static BootContractAdapter start(Class<?> application, WebApplicationType type,
      Map<String, String> settings) {
    List<String> properties = new ArrayList<>();
    settings.forEach((name, value) -> properties.add(name + "=" + value));
    properties.addAll(List.of("server.address=127.0.0.1", "server.port=0",
        "server.max-http-request-header-size=48KB",
        "management.server.address=127.0.0.1", "management.server.port=0",
        "management.endpoints.web.exposure.include=health",
        "management.endpoint.health.show-components=always", "spring.main.banner-mode=off"));
    ConfigurableApplicationContext context = new SpringApplicationBuilder(application).web(type)
        .properties(properties.toArray(String[]::new)).run();
    return new BootContractAdapter(context);
  }

  @Override
  public URI baseUri() {
    return URI.create("http://127.0.0.1:" + context.getEnvironment().getRequiredProperty("local.server.port"));
  }

  @Override
  public DecisionCounts counts() {
    return context.getBean(InvokerGuard.class).counts();
  }

  /** The {@code invokerGuard} component of Actuator's health endpoint, over HTTP on the management port. */
  @Override
  public Optional<String> healthStatus() throws Exception {
    URI health = URI.create("http://127.0.0.1:"
        + context.getEnvironment().getRequiredProperty("local.management.port") + "/actuator/health/invokerGuard");
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(60))
        .build(), HttpResponse.BodyHandlers.ofString());
    JsonNode body = new ObjectMapper().readTree(response.body());
    if (!body.hasNonNull("status")) {
      throw new AssertionError("no health status from " + health + ": " + response.statusCode() + " "
          + response.body());
    }
    return Optional.of(body.get("status").asText());
  }

  @Override
  public void stop() {
    context.close();
  }
}
