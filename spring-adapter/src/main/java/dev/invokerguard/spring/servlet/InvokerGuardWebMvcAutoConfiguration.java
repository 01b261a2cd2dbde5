package dev.invokerguard.spring.servlet;

import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Spring MVC: controller methods may take a {@link dev.invokerguard.identity.Caller} parameter, the caller
 * InvokerGuard allowed ({@code Principal} parameters work through the servlet request, and
 * {@code Authentication} ones through Spring Security when it is present).
 */
@AutoConfiguration(after = InvokerGuardServletAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "invokerguard.enabled", matchIfMissing = true)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(WebMvcConfigurer.class)
@ConditionalOnBean(name = InvokerGuardServletAutoConfiguration.REGISTRATION_BEAN)
public class InvokerGuardWebMvcAutoConfiguration {

  @Bean
  WebMvcConfigurer invokerGuardCallerArguments() {
    return new WebMvcConfigurer() {
      @Override
      public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new CallerArgumentResolver());
      }
    };
  }
}
