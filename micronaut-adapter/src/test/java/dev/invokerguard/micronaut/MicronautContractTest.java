package dev.invokerguard.micronaut;

import dev.invokerguard.DecisionCounts;
import dev.invokerguard.InvokerGuard;
import dev.invokerguard.micronaut.health.InvokerGuardHealthIndicator;
import dev.invokerguard.tck.AdapterContractSuite;
import dev.invokerguard.tck.RunningAdapter;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The adapter contract suite against a Micronaut application on the embedded Netty server: the settings are
 * application properties, the echo endpoint is a controller ({@link ContractEchoController}), CORS is
 * Micronaut's, and health is read from the module's {@link InvokerGuardHealthIndicator}.
 */
class MicronautContractTest extends AdapterContractSuite {
  @Override
  protected RunningAdapter start(Map<String, String> settings) {
    Map<String, Object> properties = new HashMap<>(settings);
    properties.put(ContractEchoController.ENABLED, "true");
    properties.put("micronaut.server.host", "127.0.0.1");
    properties.put("micronaut.server.port", -1);
    properties.put("micronaut.server.netty.max-header-size", 64 * 1024);
    properties.put("micronaut.server.cors.enabled", true);
    properties.put("micronaut.server.cors.configurations.web.allowed-origins", "https://app.example.com");
    EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties, Environment.TEST);
    ApplicationContext context = server.getApplicationContext();
    return new RunningAdapter() {
      @Override
      public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getPort());
      }

      @Override
      public DecisionCounts counts() {
        return context.getBean(InvokerGuard.class).counts();
      }

      @Override
      public Optional<String> healthStatus() throws Exception {
        return Optional.of(HealthResults.first(context.getBean(InvokerGuardHealthIndicator.class).getResult())
            .getStatus().getName());
      }

      @Override
      public void stop() {
        context.close();
      }
    };
  }
}
