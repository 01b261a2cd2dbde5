package dev.invokerguard.micronaut;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.invokerguard.InvokerGuard;
import dev.invokerguard.request.AccessRequest;
import dev.invokerguard.runtime.GuardHealth;
import dev.invokerguard.runtime.GuardRuntime;
import dev.invokerguard.tck.InMemoryPolicySource;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Where the policy comes from: the application's {@code PolicySource} bean, or a live policy read with its
 * {@code ApiCredentials} bean. */
class InvokerGuardFactoryPolicyTest {
  private static final String SERVICE = "projects/p/locations/europe-west1/services/hello";

  private static int status(ApplicationContext context, String email) {
    return context.getBean(InvokerGuard.class).check(AccessRequest.builder("GET", "localhost", "/private/x")
        .header("Authorization", "Bearer " + Issuer.user(email)).build()).status();
  }

  @Test
  void runtimeWhenApplicationDefinesPolicySourceThenStartsWithoutPolicyPropertyAndFollowsItsReloads() {
    Map<String, Object> properties = new HashMap<>(Issuer.settings(ReplacementBeans.POLICY_SOURCE, "true"));
    properties.remove("invokerguard.policy");
    try (ApplicationContext context = ApplicationContext.builder().environments(Environment.TEST)
        .properties(properties).start()) {
      GuardRuntime runtime = context.getBean(GuardRuntime.class);
      assertThat(runtime.settings().policy()).isEmpty();
      assertThat(status(context, "alice@example.com")).isEqualTo(200);
      assertThat(status(context, "bob@example.com")).isEqualTo(403);
      assertThat(runtime.policyStatus().etag()).isEqualTo("YWxpY2U=");
      assertThat(runtime.health().status()).isEqualTo(GuardHealth.Status.UP);

      context.getBean(InMemoryPolicySource.class).replace("""
          {"etag": "Ym9i", "bindings": [{"role": "roles/run.invoker", "members": ["user:bob@example.com"]}]}""");

      assertThat(status(context, "bob@example.com")).isEqualTo(200);
      assertThat(status(context, "alice@example.com")).isEqualTo(403);
      assertThat(runtime.policyStatus().etag()).isEqualTo("Ym9i");
    }
  }

  @Test
  void runtimeWhenApplicationDefinesApiCredentialsThenLivePolicyIsReadWithThem() throws Exception {
    List<String> authorizations = new CopyOnWriteArrayList<>();
    HttpServer api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    api.createContext("/v2/" + SERVICE + ":getIamPolicy", exchange -> {
      String authorization = exchange.getRequestHeaders().getFirst("Authorization");
      authorizations.add(String.valueOf(authorization));
      boolean granted = ("Bearer " + ReplacementBeans.API_TOKEN).equals(authorization);
      byte[] body = (granted ? ReplacementBeans.ALICE_ONLY
          : "{\"error\": {\"code\": 401, \"status\": \"UNAUTHENTICATED\"}}").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(granted ? 200 : 401, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    api.start();
    try {
      Map<String, Object> properties = new HashMap<>(Issuer.settings(ReplacementBeans.API_CREDENTIALS, "true",
          "invokerguard.policy", "cloudrun://" + SERVICE,
          "invokerguard.cloud-run-api", "http://127.0.0.1:" + api.getAddress().getPort()));
      properties.remove("invokerguard.groups");
      try (ApplicationContext context = ApplicationContext.builder().environments(Environment.TEST)
          .properties(properties).start()) {
        assertThat(status(context, "alice@example.com")).as("the live policy loaded").isEqualTo(200);
        assertThat(status(context, "bob@example.com")).isEqualTo(403);
      }
    } finally {
      api.stop(0);
    }

    assertThat(authorizations).isNotEmpty().containsOnly("Bearer " + ReplacementBeans.API_TOKEN);
  }
}
