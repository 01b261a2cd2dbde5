package dev.invokerguard.spring.reactive;

import dev.invokerguard.spring.BootContractAdapter;
import dev.invokerguard.spring.reactive.contract.ContractWebFluxApplication;
import dev.invokerguard.tck.AdapterContractSuite;
import dev.invokerguard.tck.RunningAdapter;
import java.util.Map;
import org.springframework.boot.WebApplicationType;

/**
 * The adapter contract suite against a WebFlux application on Reactor Netty with Spring Security,
 * configured by application properties, health read from Actuator's health endpoint.
 */
class WebFluxContractTest extends AdapterContractSuite {
  @Override
  protected RunningAdapter start(Map<String, String> settings) {
    return BootContractAdapter.start(ContractWebFluxApplication.class, WebApplicationType.REACTIVE, settings);
  }
}
