package dev.invokerguard.spring.servlet;

import dev.invokerguard.spring.BootContractAdapter;
import dev.invokerguard.spring.servlet.contract.ContractMvcApplication;
import dev.invokerguard.tck.AdapterContractSuite;
import dev.invokerguard.tck.RunningAdapter;
import java.util.Map;
import org.springframework.boot.WebApplicationType;

/**
 * The adapter contract suite against a Spring MVC application on embedded Tomcat with Spring Security,
 * configured by application properties, health read from Actuator's health endpoint.
 */
class SpringMvcContractTest extends AdapterContractSuite {
  @Override
  protected RunningAdapter start(Map<String, String> settings) {
    return BootContractAdapter.start(ContractMvcApplication.class, WebApplicationType.SERVLET, settings);
  }
}
