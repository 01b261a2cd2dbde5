package dev.invokerguard.spring.servlet;

import dev.invokerguard.InvokerGuard;
import dev.invokerguard.spring.InvokerGuardAutoConfiguration;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ClassUtils;
import org.springframework.web.cors.CorsConfigurationSource;

/**
 * InvokerGuard in front of a servlet application: the core's servlet filter, registered for every path at
 * {@link #FILTER_ORDER}, that is before Spring Security's filter chain
 * ({@code SecurityFilterProperties.DEFAULT_FILTER_ORDER}, -100) and after Boot's character-encoding,
 * form-content and observation filters. A {@code CorsFilter} the application registers should be ordered
 * before it (a lower order) if it must answer preflights itself; otherwise preflights pass the guard
 * without a token ({@code invokerguard.preflight-paths}) and denials carry the headers the application's
 * CORS configuration gives (the {@code corsConfigurationSource} bean, as Spring Security's {@code cors()}
 * finds it, else Spring MVC's CORS mappings).
 *
 * <p>An allowed caller reaches the application as {@code request.getUserPrincipal()} (named by its IAM
 * member), as the request attribute {@code dev.invokerguard.Caller}, and, with Spring Security on the class
 * path, as an {@link dev.invokerguard.spring.security.InvokerGuardAuthentication} in the security context.
 * An application bean named {@value #REGISTRATION_BEAN} replaces the registration.
 */
@AutoConfiguration(after = InvokerGuardAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "invokerguard.enabled", matchIfMissing = true)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({Filter.class, CorsConfigurationSource.class})
@ConditionalOnBean(InvokerGuard.class)
public class InvokerGuardServletAutoConfiguration {
  /** Ten before Spring Security's filter chain: the guard decides before any other authentication. */
  public static final int FILTER_ORDER = SecurityFilterProperties.DEFAULT_FILTER_ORDER - 10;
  /** The name of the filter's registration bean. */
  public static final String REGISTRATION_BEAN = "invokerGuardFilterRegistration";

  private static final String CORS_SOURCE_BEAN = "corsConfigurationSource";
  private static final String MVC_INTROSPECTOR =
      "org.springframework.web.servlet.handler.HandlerMappingIntrospector";

  @Bean(REGISTRATION_BEAN)
  @ConditionalOnMissingBean(name = REGISTRATION_BEAN)
  FilterRegistrationBean<Filter> invokerGuardFilterRegistration(InvokerGuard guard,
      ApplicationContext context, ObjectProvider<CallerExposure> exposure) {
    GuardServletFilter filter = new GuardServletFilter(guard, corsSource(context), exposure.getIfAvailable());
    FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(filter);
    registration.setName("invokerGuardFilter");
    registration.setOrder(FILTER_ORDER);
    registration.setDispatcherTypes(DispatcherType.REQUEST);
    registration.addUrlPatterns("/*");
    return registration;
  }

  /** The application's CORS configuration, looked up when a denial needs it (beans may come later). */
  static Supplier<CorsConfigurationSource> corsSource(ApplicationContext context) {
    return () -> {
      if (context.containsBean(CORS_SOURCE_BEAN)
          && context.isTypeMatch(CORS_SOURCE_BEAN, CorsConfigurationSource.class)) {
        return context.getBean(CORS_SOURCE_BEAN, CorsConfigurationSource.class);
      }
      if (ClassUtils.isPresent(MVC_INTROSPECTOR, context.getClassLoader())) {
        return MvcCors.source(context);
      }
      return null;
    };
  }

  /** Spring Security on the class path: allowed callers become its {@code Authentication}. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = {"org.springframework.security.core.context.SecurityContextHolder",
      "org.springframework.security.web.context.RequestAttributeSecurityContextRepository"})
  static class SpringSecurityExposure {
    @Bean
    CallerExposure invokerGuardSecurityContextExposure() {
      return new SecurityContextExposure();
    }
  }
}
