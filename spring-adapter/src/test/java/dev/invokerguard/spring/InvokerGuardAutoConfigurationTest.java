package dev.invokerguard.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invokerguard.request.AccessRequest;
import dev.invokerguard.EnforcementMode;
import dev.invokerguard.InvokerGuard;
import dev.invokerguard.runtime.GuardRuntime;
import dev.invokerguard.runtime.GuardSettings;
import dev.invokerguard.policy.PolicyLayer;
import dev.invokerguard.policy.PolicyText;
import dev.invokerguard.testing.TestIssuer;
import dev.invokerguard.token.GoogleIdTokenVerifier;
import dev.invokerguard.token.TokenFamily;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.junit.jupiter.api.io.TempDir;

class InvokerGuardAutoConfigurationTest {
  static final String AUDIENCE = "https://svc.example.com";
  static TestIssuer issuer;

  @BeforeAll
  static void startIssuer() {
    issuer = TestIssuers.started();
  }

  @AfterAll
  static void stopIssuer() {
    issuer.close();
  }

  static ApplicationContextRunner runner() {
    return new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(InvokerGuardAutoConfiguration.class));
  }

  static String[] required() {
    return new String[] {"invokerguard.policy=classpath:invokerguard/policy.yaml",
        "invokerguard.audiences=" + AUDIENCE, "invokerguard.jwks-uri=" + issuer.jwksUri()};
  }

  @Test
  void contextWhenPolicyAndAudiencesSetThenARunningGuardDecides() {
    runner().withPropertyValues(required()).run(context -> {
      assertThat(context).hasSingleBean(GuardRuntime.class).hasSingleBean(InvokerGuard.class);
      InvokerGuard guard = context.getBean(InvokerGuard.class);
      String token = issuer.user("alice@example.com").audience(AUDIENCE).sign();

      assertThat(guard.check(AccessRequest.builder("GET", "svc.example.com", "/private/a")
          .header("Authorization", "Bearer " + token).build()).status()).isEqualTo(200);
      assertThat(guard.check(AccessRequest.builder("GET", "svc.example.com", "/private/a").build()).status())
          .isEqualTo(401);
    });
  }

  @Test
  void contextWhenPropertiesGivenThenSettingsCarryEveryValue() {
    runner().withPropertyValues(required()).withPropertyValues("invokerguard.mode=shadow",
        "invokerguard.allowed-clock-skew=30", "invokerguard.preflight-paths=/api/,/public/",
        "invokerguard.token-cache-size=5", "invokerguard.decision-log-sample-rate=0.5",
        "invokerguard.policy-refresh-interval=2m", "invokerguard.public-paths=/open/,/healthz").run(context -> {
          GuardSettings settings = context.getBean(GuardSettings.class);

          assertThat(settings.mode()).isEqualTo(EnforcementMode.SHADOW);
          assertThat(settings.allowedClockSkew()).isEqualTo(Duration.ofSeconds(30));
          assertThat(settings.preflight().pathPrefixes()).containsExactly("/api/", "/public/");
          assertThat(settings.tokenCacheSize()).isEqualTo(5);
          assertThat(settings.decisionLogSampleRate()).isEqualTo(0.5);
          assertThat(settings.policyRefreshInterval()).isEqualTo(Duration.ofMinutes(2));
          assertThat(settings.publicPaths()).containsExactly("/open/", "/healthz");
          assertThat(context.getBean(InvokerGuard.class).check(AccessRequest.builder("GET", "svc.example.com",
              "/healthz").build()).allowed()).isTrue();
        });
  }

  @Test
  void contextWhenInvokerGuardEnvironmentVariablesThenBoundByRelaxedBinding() {
    Map<String, Object> env = Map.of("INVOKERGUARD_POLICY", "classpath:invokerguard/policy.yaml",
        "INVOKERGUARD_AUDIENCES", AUDIENCE + ",https://other.example.com",
        "INVOKERGUARD_JWKS_URI", issuer.jwksUri().toString(),
        "INVOKERGUARD_ALLOWED_CLOCK_SKEW", "45",
        "INVOKERGUARD_PREFLIGHT_PATHS", "none");
    runner().withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(
        new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, env)))
        .run(context -> {
          GuardSettings settings = context.getBean(GuardSettings.class);

          assertThat(settings.audiences()).containsExactly(AUDIENCE, "https://other.example.com");
          assertThat(settings.jwksUri()).isEqualTo(issuer.jwksUri());
          assertThat(settings.allowedClockSkew()).isEqualTo(Duration.ofSeconds(45));
          assertThat(settings.preflight().enabled()).isFalse();
        });
  }

  @Test
  void contextWhenDisabledThenNoGuardBeans() {
    runner().withPropertyValues("invokerguard.enabled=false").run(context -> assertThat(context)
        .hasNotFailed().doesNotHaveBean(GuardRuntime.class).doesNotHaveBean(InvokerGuard.class));
  }

  @Test
  void contextWhenApplicationDefinesItsOwnGuardThenNoRuntimeIsStarted() {
    runner().withBean(InvokerGuard.class, InvokerGuardAutoConfigurationTest::guardBuiltInCode).run(context -> {
      assertThat(context).hasNotFailed().hasSingleBean(InvokerGuard.class).doesNotHaveBean(GuardRuntime.class)
          .doesNotHaveBean(GuardSettings.class);
    });
  }

  @Test
  void contextWhenApplicationDefinesItsOwnSettingsThenTheyAreUsed() {
    GuardSettings own = GuardSettings.builder().policy("classpath:invokerguard/policy.yaml")
        .audiences("https://own.example.com").jwksUri(issuer.jwksUri()).build();
    runner().withBean(GuardSettings.class, () -> own).run(context ->
        assertThat(context.getBean(GuardRuntime.class).settings()).isSameAs(own));
  }

  @Test
  void contextWhenAudiencesMissingThenStartFailsAndTheAnalysisNamesTheProperty() {
    runner().withPropertyValues("invokerguard.policy=classpath:invokerguard/policy.yaml").run(context -> {
      assertThat(context).hasFailed();
      FailureAnalysis analysis = analyze(context.getStartupFailure());

      assertThat(analysis.getDescription())
          .contains("invokerguard.audiences (INVOKERGUARD_AUDIENCES) is required");
      assertThat(analysis.getAction()).contains("INVOKERGUARD_*");
    });
  }

  @Test
  void contextWhenValueOutOfRangeThenStartFailsNamingTheProperty() {
    runner().withPropertyValues(required()).withPropertyValues("invokerguard.allowed-clock-skew=10m")
        .run(context -> assertThat(analyze(context.getStartupFailure()).getDescription())
            .contains("invokerguard.allowed-clock-skew (INVOKERGUARD_ALLOWED_CLOCK_SKEW)"));
  }

  @Test
  void contextWhenPolicyDoesNotLoadThenStartFailsListingTheProblem() {
    runner().withPropertyValues(required())
        .withPropertyValues("invokerguard.policy=classpath:invokerguard/broken-policy.yaml")
        .run(context -> assertThat(analyze(context.getStartupFailure()).getDescription())
            .contains("invokerguard.policy (INVOKERGUARD_POLICY) does not load", "somebody@example.com"));
  }

  @Test
  void contextWhenMisspeltInvokerGuardPropertyThenStartFails() {
    runner().withPropertyValues(required()).withPropertyValues("invokerguard.audience=typo")
        .run(context -> assertThat(context).hasFailed().getFailure()
            .hasStackTraceContaining("invokerguard.audience"));
  }

  @Test
  void contextWhenClosedThenTheRuntimeStopsItsBackgroundThreads(@TempDir Path dir) throws Exception {
    Path policy = dir.resolve("policy.yaml");
    try (InputStream in = getClass().getResourceAsStream("/invokerguard/policy.yaml")) {
      Files.copy(in, policy);
    }
    Set<Thread> before = guardThreads();
    Set<Thread> started = new HashSet<>();
    runner().withPropertyValues(required()).withPropertyValues("invokerguard.policy=" + policy)
        .run(context -> {
          started.addAll(guardThreads());
          started.removeAll(before);
          assertThat(started).as("the runtime's threads").isNotEmpty();
        });

    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (started.stream().anyMatch(Thread::isAlive) && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(started).as("the threads the context started, after it closed").noneMatch(Thread::isAlive);
  }

  /** The live threads of InvokerGuard in this JVM (other tests' included: compare sets, not counts). */
  private static Set<Thread> guardThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().startsWith("invokerguard-")).collect(Collectors.toSet());
  }

  private static FailureAnalysis analyze(Throwable failure) throws IOException {
    assertThat(registeredFailureAnalyzers()).contains(InvokerGuardFailureAnalyzer.class.getName());
    FailureAnalysis analysis = new InvokerGuardFailureAnalyzer().analyze(failure);
    assertThat(analysis).as("analysis of %s", failure).isNotNull();
    return analysis;
  }

  /** The text of every {@code META-INF/spring.factories} on the class path. */
  private static String registeredFailureAnalyzers() throws IOException {
    StringBuilder all = new StringBuilder();
    Enumeration<URL> files = InvokerGuardAutoConfigurationTest.class.getClassLoader()
        .getResources("META-INF/spring.factories");
    while (files.hasMoreElements()) {
      try (InputStream in = files.nextElement().openStream()) {
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        if (text.contains(FailureAnalyzer.class.getName() + "=")) {
          all.append(text);
        }
      }
    }
    return all.toString();
  }

  private static InvokerGuard guardBuiltInCode() {
    GoogleIdTokenVerifier verifier = GoogleIdTokenVerifier.builder()
        .family(TokenFamily.google(List.of(AUDIENCE)).withKeySetUri(issuer.jwksUri())).build();
    return InvokerGuard.builder().verifier(verifier)
        .allowPolicy(PolicyText.json("own.json", "{\"bindings\": []}"), PolicyLayer.SERVICE).build();
  }
}
