package dev.invokerguard.spring.reactive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invokerguard.spring.InvokerGuardAutoConfiguration;
import dev.invokerguard.spring.servlet.InvokerGuardServletAutoConfiguration;
import dev.invokerguard.spring.TestIssuers;
import dev.invokerguard.testing.TestIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.web.server.WebFilter;

class InvokerGuardWebFluxAutoConfigurationTest {
  static TestIssuer issuer;

  @BeforeAll
  static void startIssuer() {
    issuer = TestIssuers.started();
  }

  @AfterAll
  static void stopIssuer() {
    issuer.close();
  }

  static String[] required() {
    return new String[] {"invokerguard.policy=classpath:invokerguard/policy.yaml",
        "invokerguard.audiences=https://svc.example.com", "invokerguard.jwks-uri=" + issuer.jwksUri()};
  }

  static AutoConfigurations all() {
    return AutoConfigurations.of(InvokerGuardAutoConfiguration.class,
        InvokerGuardServletAutoConfiguration.class, InvokerGuardWebFluxAutoConfiguration.class);
  }

  @Test
  void reactiveApplicationWhenGuardConfiguredThenWebFilterBeforeSpringSecurityAndNoServletFilter() {
    new ReactiveWebApplicationContextRunner().withConfiguration(all()).withPropertyValues(required())
        .run(context -> {
          WebFilter filter = context.getBean(InvokerGuardWebFluxAutoConfiguration.FILTER_BEAN, WebFilter.class);

          assertThat(filter).isInstanceOf(GuardWebFilter.class);
          assertThat(((GuardWebFilter) filter).getOrder()).isLessThan(-100);
          assertThat(context).hasSingleBean(ReactiveCallerExposure.class)
              .doesNotHaveBean(InvokerGuardServletAutoConfiguration.REGISTRATION_BEAN);
        });
  }

  @Test
  void reactiveApplicationWhenSpringSecurityAbsentThenWebFilterWithoutSecurityContext() {
    new ReactiveWebApplicationContextRunner().withConfiguration(all()).withPropertyValues(required())
        .withClassLoader(new FilteredClassLoader(ReactiveSecurityContextHolder.class)).run(context ->
            assertThat(context).hasNotFailed().hasBean(InvokerGuardWebFluxAutoConfiguration.FILTER_BEAN)
                .doesNotHaveBean(ReactiveCallerExposure.class));
  }

  @Test
  void servletApplicationWhenGuardConfiguredThenNoWebFilter() {
    new WebApplicationContextRunner().withConfiguration(all()).withPropertyValues(required()).run(context ->
        assertThat(context).hasNotFailed().doesNotHaveBean(InvokerGuardWebFluxAutoConfiguration.FILTER_BEAN));
  }
}
