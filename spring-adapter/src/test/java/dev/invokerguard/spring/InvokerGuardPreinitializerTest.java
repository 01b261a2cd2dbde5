package dev.invokerguard.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invokerguard.runtime.Preinitializer;
import dev.invokerguard.testing.TestIssuer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

class InvokerGuardPreinitializerTest {

  @Configuration(proxyBeanMethods = false)
  static class EmptyApplication {}

  /** Runs a non-web application with only the listener (given a recording starter) and these properties. */
  private static Function<String, String> propertiesSeenAtStart(Map<String, Object> properties,
      String... args) {
    AtomicReference<Function<String, String>> seen = new AtomicReference<>();
    SpringApplication application = new SpringApplication(EmptyApplication.class);
    application.setWebApplicationType(WebApplicationType.NONE);
    application.setBannerMode(Banner.Mode.OFF);
    application.setLogStartupInfo(false);
    application.setDefaultProperties(properties);
    application.setListeners(List.of(new InvokerGuardPreinitializer(lookup -> {
      seen.set(lookup);
      return true;
    })));
    try (ConfigurableApplicationContext context = application.run(args)) {
      assertThat(context.isActive()).isTrue();
    }
    assertThat(seen.get()).as("the listener was told of the prepared environment").isNotNull();
    return seen.get();
  }

  @Test
  void springFactoriesWhenApplicationCreatedThenTheListenerIsRegistered() {
    SpringApplication application = new SpringApplication(EmptyApplication.class);

    assertThat(application.getListeners()).hasAtLeastOneElementOfType(InvokerGuardPreinitializer.class);
  }

  @Test
  void startWhenNothingSetThenTheWarmUpIsWanted() {
    Function<String, String> seen = propertiesSeenAtStart(Map.of("invokerguard.policy", "classpath:p.yaml"));

    assertThat(seen.apply("invokerguard.policy")).isEqualTo("classpath:p.yaml");
    assertThat(Preinitializer.enabled(seen)).isTrue();
  }

  @Test
  void startWhenPreinitializeFalseThenTurnedOff() {
    assertThat(Preinitializer.enabled(propertiesSeenAtStart(Map.of("invokerguard.preinitialize", "false"))))
        .isFalse();
    assertThat(Preinitializer.enabled(propertiesSeenAtStart(Map.of(), "--invokerguard.preinitialize=false")))
        .isFalse();
  }

  @Test
  void startWhenTheGuardIsDisabledThenTurnedOff() {
    assertThat(Preinitializer.enabled(propertiesSeenAtStart(Map.of("invokerguard.enabled", "false")))).isFalse();
  }

  @Test
  void bindingWhenPreinitializeFalseThenTheStarterStartsAsUsual() {
    try (TestIssuer issuer = TestIssuers.started()) {
      InvokerGuardAutoConfigurationTest.runner()
          .withPropertyValues("invokerguard.policy=classpath:invokerguard/policy.yaml",
              "invokerguard.audiences=https://svc.example.com", "invokerguard.jwks-uri=" + issuer.jwksUri(),
              "invokerguard.preinitialize=false")
          .run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(InvokerGuardProperties.class).isPreinitialize()).isFalse();
          });
    }
  }

  @Test
  void orderWhenComparedWithBootsLoggingListenerThenAfterIt() {
    assertThat(new InvokerGuardPreinitializer().getOrder())
        .isGreaterThan(new org.springframework.boot.context.logging.LoggingApplicationListener().getOrder());
  }
}
