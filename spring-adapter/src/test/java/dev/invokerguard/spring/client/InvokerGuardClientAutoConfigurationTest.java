package dev.invokerguard.spring.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.UserCredentials;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.invokerguard.client.OutboundTarget;
import dev.invokerguard.client.OutboundTokenException;
import dev.invokerguard.client.OutboundTokens;
import dev.invokerguard.client.TokenHeader;
import dev.invokerguard.spring.InvokerGuardAutoConfiguration;
import dev.invokerguard.testing.FakeMetadataCredentials;
import dev.invokerguard.testing.FakeMetadataServer;
import dev.invokerguard.testing.TestIssuer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

/** Real HTTP: Spring's clients, built from Boot's builders, call a loopback backend that records headers. */
class InvokerGuardClientAutoConfigurationTest {
  private static final String SA = "frontend@my-project.iam.gserviceaccount.com";
  private final List<Map<String, List<String>>> received = new CopyOnWriteArrayList<>();
  private TestIssuer issuer;
  private FakeMetadataServer metadata;
  private HttpServer backend;
  private String backendUrl;

  @BeforeEach
  void start() throws Exception {
    issuer = TestIssuer.start();
    metadata = FakeMetadataServer.start(issuer, SA);
    backend = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    backend.createContext("/", exchange -> {
      try (exchange) {
        received.add(Map.copyOf(exchange.getRequestHeaders()));
        exchange.sendResponseHeaders(204, -1);
      }
    });
    backend.start();
    backendUrl = "http://127.0.0.1:" + backend.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    backend.stop(0);
    metadata.close();
    issuer.close();
  }

  private ApplicationContextRunner runner() {
    return new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(RestClientAutoConfiguration.class,
            RestTemplateAutoConfiguration.class, WebClientAutoConfiguration.class,
            InvokerGuardClientAutoConfiguration.class))
        .withBean(GoogleCredentials.class, () -> FakeMetadataCredentials.of(metadata));
  }

  private static String bearer(Map<String, List<String>> headers, String name) throws Exception {
    List<String> values = headers.get(name);
    assertThat(values).as(name + " in " + headers.keySet()).hasSize(1);
    assertThat(values.get(0)).startsWith("Bearer ");
    return values.get(0).substring("Bearer ".length());
  }

  @Test
  void restClientWhenTargetConfiguredThenBearerForItsAudience() throws Exception {
    runner().withPropertyValues("invokerguard.client.targets[0].url=" + backendUrl).run(context -> {
      RestClient client = context.getBean(RestClient.Builder.class).build();
      client.get().uri(backendUrl + "/internal/orders").retrieve().toBodilessEntity();
      client.get().uri(backendUrl + "/internal/items").retrieve().toBodilessEntity();

      String token = bearer(received.get(0), "Authorization");
      assertThat(SignedJWT.parse(token).getJWTClaimsSet().getAudience()).containsExactly(backendUrl);
      assertThat(metadata.identityRequests()).isEqualTo(1);
    });
  }

  @Test
  void restClientWhenOwnAuthorizationThenKeptAndTokenInServerlessAuthorization() throws Exception {
    runner().withPropertyValues("invokerguard.client.targets[0].url=" + backendUrl).run(context -> {
      context.getBean(RestClient.Builder.class).build().get().uri(backendUrl + "/internal/orders")
          .header("Authorization", "ApiKey k-1").retrieve().toBodilessEntity();

      assertThat(received.get(0).get("Authorization")).containsExactly("ApiKey k-1");
      assertThat(SignedJWT.parse(bearer(received.get(0), "X-serverless-authorization")).getJWTClaimsSet()
          .getStringClaim("email")).isEqualTo(SA);
    });
  }

  @Test
  void restTemplateWhenCustomAudienceThenMintedForIt() throws Exception {
    runner().withPropertyValues("invokerguard.client.targets[0].url=" + backendUrl,
        "invokerguard.client.targets[0].audience=https://backend.example").run(context -> {
      context.getBean(RestTemplateBuilder.class).build().getForEntity(backendUrl + "/x", Void.class);

      assertThat(SignedJWT.parse(bearer(received.get(0), "Authorization")).getJWTClaimsSet().getAudience())
          .containsExactly("https://backend.example");
    });
  }

  @Test
  void webClientWhenTargetConfiguredThenBearerAndOtherUrlsUntouched() throws Exception {
    runner().withPropertyValues("invokerguard.client.targets[0].url=" + backendUrl + "/internal").run(context -> {
      WebClient client = context.getBean(WebClient.Builder.class).build();
      client.get().uri(backendUrl + "/internal/orders").header("Authorization", "ApiKey k-2")
          .retrieve().toBodilessEntity().block(Duration.ofSeconds(60));
      client.get().uri(backendUrl + "/public").retrieve().toBodilessEntity().block(Duration.ofSeconds(60));

      assertThat(received.get(0).get("Authorization")).containsExactly("ApiKey k-2");
      bearer(received.get(0), "X-serverless-authorization");
      assertThat(received.get(1)).doesNotContainKeys("Authorization", "X-serverless-authorization");
      assertThat(metadata.identityRequests()).isEqualTo(1);
    });
  }

  @Test
  void webClientWhenMetadataServerFailsThenErrorAndNothingSent() {
    metadata.status(500);
    runner().withPropertyValues("invokerguard.client.targets[0].url=" + backendUrl).run(context -> {
      WebClient client = context.getBean(WebClient.Builder.class).build();

      assertThatThrownBy(() -> client.get().uri(backendUrl + "/internal/orders").retrieve()
          .toBodilessEntity().block(Duration.ofSeconds(120)))
          .isInstanceOf(OutboundTokenException.class)
          .hasMessageContaining("cannot mint an ID token for " + backendUrl);
      assertThat(received).isEmpty();
    });
  }

  @Test
  void contextWhenTargetsSetByEnvironmentVariablesThenBoundInTheirOrder() {
    Map<String, Object> env = Map.of("INVOKERGUARD_CLIENT_TARGETS_0_URL", backendUrl,
        "INVOKERGUARD_CLIENT_TARGETS_1_URL", "https://reports.example.com/api",
        "INVOKERGUARD_CLIENT_TARGETS_1_AUDIENCE", "https://reports-123.run.app",
        "INVOKERGUARD_CLIENT_TARGETS_1_HEADER", "x-serverless-authorization");
    runner().withInitializer(context -> context.getEnvironment().getPropertySources()
            .addFirst(new SystemEnvironmentPropertySource("test-" + StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, env)))
        .run(context -> assertThat(context.getBean(OutboundTokens.class).targets()).containsExactly(
            OutboundTarget.of(backendUrl),
            OutboundTarget.of("https://reports.example.com/api").withAudience("https://reports-123.run.app")
                .withHeader(TokenHeader.X_SERVERLESS_AUTHORIZATION)));
  }

  @Test
  void contextWhenNoTargetsThenNothingRegistered() {
    runner().run(context -> assertThat(context).doesNotHaveBean(OutboundTokens.class));
  }

  @Test
  void contextWhenUserCredentialsThenStartUpFailsWithHowToImpersonate() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(InvokerGuardClientAutoConfiguration.class))
        .withBean(GoogleCredentials.class, () -> UserCredentials.newBuilder().setClientId("c")
            .setClientSecret("s").setRefreshToken("r").build())
        .withPropertyValues("invokerguard.client.targets[0].url=" + backendUrl)
        .run(context -> assertThat(context).getFailure().rootCause()
            .hasMessageContaining("--impersonate-service-account"));
  }

  @Test
  void contextWhenHeaderUnknownThenStartUpFailsNamingTheProperty() {
    runner().withPropertyValues("invokerguard.client.targets[0].url=" + backendUrl,
            "invokerguard.client.targets[0].header=cookie")
        .run(context -> assertThat(context).getFailure()
            .hasStackTraceContaining("invokerguard.client.targets[0]: header must be auto"));
  }

  @Test
  void contextWhenReceivingSideDisabledThenOutboundTokensStillRegistered() {
    runner().withConfiguration(AutoConfigurations.of(InvokerGuardAutoConfiguration.class))
        .withPropertyValues("invokerguard.enabled=false", "invokerguard.client.targets[0].url=" + backendUrl)
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(context).hasSingleBean(OutboundTokens.class);
          assertThat(context).doesNotHaveBean(dev.invokerguard.InvokerGuard.class);
        });
  }

  @Test
  void contextWhenGuardAlsoConfiguredThenClientPropertiesAreKnown() {
    runner().withConfiguration(AutoConfigurations.of(InvokerGuardAutoConfiguration.class))
        .withPropertyValues("invokerguard.policy=classpath:invokerguard/policy.yaml",
            "invokerguard.audiences=https://svc.example.com", "invokerguard.jwks-uri=" + issuer.jwksUri(),
            "invokerguard.client.targets[0].url=" + backendUrl)
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(context).hasSingleBean(OutboundTokens.class);
        });
  }
}
