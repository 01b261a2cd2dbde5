package dev.invokerguard.samples.spring;

import dev.invokerguard.tck.sample.SampleContractSuite;

/**
 * The sample contract ({@link SampleContractSuite}) against the Spring Boot sample {@code sample-spring.jar}:
 * the same scenarios as the servlet sample's.
 */
class SampleSpringIT extends SampleContractSuite {

  /** Boot's failure analysis names the property and its variable. */
  @Override
  protected String missingAudienceMessage() {
    return "invokerguard.audiences (INVOKERGUARD_AUDIENCES) is required";
  }
}
