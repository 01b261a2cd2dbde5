package dev.invokerguard.spring.servlet;

import org.springframework.context.ApplicationContext;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.servlet.handler.HandlerMappingIntrospector;

/** Spring MVC's CORS mappings ({@code @CrossOrigin}, {@code addCorsMappings}); loaded only when MVC is present. */
final class MvcCors {
  private MvcCors() {}

  static CorsConfigurationSource source(ApplicationContext context) {
    return context.getBeanProvider(HandlerMappingIntrospector.class).getIfAvailable();
  }
}
