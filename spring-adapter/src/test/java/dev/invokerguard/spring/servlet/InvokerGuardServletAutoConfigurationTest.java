package dev.invokerguard.spring.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invokerguard.spring.InvokerGuardAutoConfiguration;
import dev.invokerguard.spring.TestIssuers;
import dev.invokerguard.testing.TestIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

class InvokerGuardServletAutoConfigurationTest {
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

  static WebApplicationContextRunner web() {
    return new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(
        InvokerGuardAutoConfiguration.class, InvokerGuardServletAutoConfiguration.class,
        InvokerGuardWebMvcAutoConfiguration.class)).withPropertyValues(required());
  }

  @Test
  void servletApplicationWhenGuardConfiguredThenFilterRegisteredBeforeSpringSecurity() {
    web().run(context -> {
      FilterRegistrationBean<?> registration = context.getBean(
          InvokerGuardServletAutoConfiguration.REGISTRATION_BEAN, FilterRegistrationBean.class);

      assertThat(registration.getOrder()).isLessThan(SecurityFilterProperties.DEFAULT_FILTER_ORDER);
      assertThat(registration.getUrlPatterns()).containsExactly("/*");
      assertThat(registration.getFilter()).isInstanceOf(GuardServletFilter.class);
      assertThat(context).hasSingleBean(CallerExposure.class).hasBean("invokerGuardCallerArguments");
    });
  }

  @Test
  void servletApplicationWhenSpringSecurityAbsentThenFilterWithoutSecurityContext() {
    web().withClassLoader(new FilteredClassLoader(SecurityContextHolder.class)).run(context -> assertThat(context)
        .hasNotFailed().hasBean(InvokerGuardServletAutoConfiguration.REGISTRATION_BEAN)
        .doesNotHaveBean(CallerExposure.class));
  }

  @Test
  void servletApplicationWhenSpringMvcAbsentThenFilterWithoutArgumentResolver() {
    web().withClassLoader(new FilteredClassLoader(WebMvcConfigurer.class)).run(context -> assertThat(context)
        .hasNotFailed().hasBean(InvokerGuardServletAutoConfiguration.REGISTRATION_BEAN)
        .doesNotHaveBean("invokerGuardCallerArguments"));
  }

  @Test
  void servletApplicationWhenApplicationRegistersItsOwnFilterBeanThenItIsKept() {
    FilterRegistrationBean<?> own = new FilterRegistrationBean<>();
    web().withBean(InvokerGuardServletAutoConfiguration.REGISTRATION_BEAN, FilterRegistrationBean.class,
        () -> own).run(context -> assertThat(context.getBean(
            InvokerGuardServletAutoConfiguration.REGISTRATION_BEAN)).isSameAs(own));
  }

  @Test
  void servletApplicationWhenDisabledThenNoFilter() {
    web().withPropertyValues("invokerguard.enabled=false").run(context -> assertThat(context)
        .hasNotFailed().doesNotHaveBean(InvokerGuardServletAutoConfiguration.REGISTRATION_BEAN));
  }

  @Test
  void servletApplicationWhenDisabledButTheApplicationDefinesAGuardThenStillNoFilter() {
    web().withPropertyValues("invokerguard.enabled=false")
        .withBean(dev.invokerguard.InvokerGuard.class, () -> dev.invokerguard.InvokerGuard.builder()
            .verifier(token -> { throw new AssertionError("not called"); })
            .allowPolicy(dev.invokerguard.policy.PolicyText.json("own.json", "{\"bindings\": []}"),
                dev.invokerguard.policy.PolicyLayer.SERVICE).build())
        .run(context -> assertThat(context).hasNotFailed()
            .doesNotHaveBean(InvokerGuardServletAutoConfiguration.REGISTRATION_BEAN)
            .doesNotHaveBean("invokerGuardCallerArguments"));
  }

  @Test
  void nonWebApplicationWhenGuardConfiguredThenNoFilter() {
    new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(InvokerGuardAutoConfiguration.class,
        InvokerGuardServletAutoConfiguration.class)).withPropertyValues(required()).run(context ->
        assertThat(context).hasNotFailed().doesNotHaveBean(InvokerGuardServletAutoConfiguration.REGISTRATION_BEAN));
  }
}
