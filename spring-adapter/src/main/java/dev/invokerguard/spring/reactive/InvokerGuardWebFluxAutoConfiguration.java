package dev.invokerguard.spring.reactive;

import dev.invokerguard.InvokerGuard;
import dev.invokerguard.spring.InvokerGuardAutoConfiguration;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;
import org.springframework.web.server.WebFilter;

/**
 * InvokerGuard in front of a WebFlux application: a {@link WebFilter} at {@link #FILTER_ORDER}, before
 * Spring Security's {@code WebFilterChainProxy} (-100), whose decisions never wait on an event-loop thread;
 * {@code Caller} controller arguments; with Spring Security, the caller as its {@code Authentication}; denials
 * with the CORS headers of the application's {@code CorsConfigurationSource} bean. Actuator's management
 * server on its own port ({@code management.server.port}) is not guarded, as on the servlet stack. An
 * application bean named
 * {@value #FILTER_BEAN} replaces the filter.
 */
@AutoConfiguration(after = InvokerGuardAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "invokerguard.enabled", matchIfMissing = true)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass({WebFilter.class, WebFluxConfigurer.class})
@ConditionalOnBean(InvokerGuard.class)
public class InvokerGuardWebFluxAutoConfiguration {
  /** Ten before Spring Security's reactive filter chain (-100). */
  public static final int FILTER_ORDER = -110;
  /** The name of the filter bean. */
  public static final String FILTER_BEAN = "invokerGuardWebFilter";

  @Bean(FILTER_BEAN)
  @ConditionalOnMissingBean(name = FILTER_BEAN)
  WebFilter invokerGuardWebFilter(InvokerGuard guard, ObjectProvider<CorsConfigurationSource> cors,
      ObjectProvider<ReactiveCallerExposure> exposure, ApplicationContext context) {
    Supplier<CorsConfigurationSource> source = cors::getIfUnique;
    return new GuardWebFilter(guard, source, exposure.getIfAvailable(), FILTER_ORDER, context);
  }

  @Bean
  WebFluxConfigurer invokerGuardReactiveCallerArguments() {
    return new WebFluxConfigurer() {
      @Override
      public void configureArgumentResolvers(ArgumentResolverConfigurer configurer) {
        configurer.addCustomResolver(new CallerArgumentResolver());
      }
    };
  }

  /** Spring Security on the class path: allowed callers become its {@code Authentication}. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.security.core.context.ReactiveSecurityContextHolder")
  static class SpringSecurityExposure {
    @Bean
    ReactiveCallerExposure invokerGuardReactiveSecurityContextExposure() {
      return new ReactiveSecurityContextExposure();
    }
  }
}
