package dev.invokerguard.samples.micronaut;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invokerguard.tck.sample.SampleContractSuite;
import dev.invokerguard.tck.sample.SampleProcess;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The sample contract ({@link SampleContractSuite}) against {@code sample-micronaut.jar}, and what is the
 * Micronaut sample's own: {@code INVOKERGUARD_ENABLED=false} serves without the check, and says so.
 */
class SampleMicronautIT extends SampleContractSuite {

  @Test
  void startWhenDisabledThenServesWithoutTheCheck() throws Exception {
    try (SampleProcess open = SampleProcess.start(Map.of("INVOKERGUARD_ENABLED", "false")).awaitListening()) {
      assertAllowed(open.http().get("/private/a"), "allUsers", "/private/a");
      assertThat(open.output()).contains("WITHOUT the invoker check");
    }
  }
}
