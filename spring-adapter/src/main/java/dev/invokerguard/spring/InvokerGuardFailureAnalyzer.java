package dev.invokerguard.spring;

import dev.invokerguard.ConfigurationErrorCode;
import dev.invokerguard.InvokerGuardConfigurationException;
import dev.invokerguard.policy.PolicyLoadException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

/**
 * Turns InvokerGuard's start-up failures into Spring Boot's failure report: a bad or missing setting
 * ({@link InvokerGuardConfigurationException}, whose message names the property and its
 * {@code INVOKERGUARD_*} variable) and a policy document that does not load ({@link PolicyLoadException},
 * every problem listed). Registered in {@code META-INF/spring.factories}.
 */
public final class InvokerGuardFailureAnalyzer implements FailureAnalyzer {

  @Override
  public FailureAnalysis analyze(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof InvokerGuardConfigurationException e
          && e.code() == ConfigurationErrorCode.POLICY_DOES_NOT_LOAD) {
        return policy(e);
      }
      if (cause instanceof InvokerGuardConfigurationException e) {
        return new FailureAnalysis("InvokerGuard cannot start: " + e.getMessage(),
            "Set or correct that property (application.properties or application.yml) or its INVOKERGUARD_*"
                + " environment variable. InvokerGuard never lets an application start without its invoker"
                + " check; invokerguard.enabled=false turns it off deliberately.", e);
      }
      if (cause instanceof PolicyLoadException e) {
        return policy(e);
      }
    }
    return null;
  }

  private static FailureAnalysis policy(RuntimeException e) {
    return new FailureAnalysis("InvokerGuard cannot start: the policy named by invokerguard.policy"
        + " (INVOKERGUARD_POLICY) does not load: " + e.getMessage(),
        "Correct the policy document; 'invokerguard lint' lists the same problems.", e);
  }
}
