package dev.invokerguard.spring.reactive;

import org.springframework.context.ApplicationContext;
import org.springframework.web.server.ServerWebExchange;

/**
 * Tells Actuator's management server on its own port ({@code management.server.port}) from the
 * application's server. Spring Boot runs it in a child application context (id: the application's id and
 * {@code :management}) whose web handler also collects the application's {@code WebFilter} beans; the
 * servlet stack never puts the guard's filter there, and neither does this one, so that health reaches
 * probes while keys or the policy are unavailable. Anything it does not recognise is guarded.
 */
final class ManagementServer {
  private static final String ID_SUFFIX = ":management";

  private ManagementServer() {}

  /**
   * @param application the context that defined the guard's filter, or {@code null} when unknown
   * @param exchange a request
   * @return whether the request arrived at the management server of {@code application}
   */
  static boolean serves(ApplicationContext application, ServerWebExchange exchange) {
    ApplicationContext served = exchange.getApplicationContext();
    return application != null && served != null && served != application
        && served.getParent() == application && served.getId() != null
        && served.getId().equals(application.getId() + ID_SUFFIX);
  }
}
