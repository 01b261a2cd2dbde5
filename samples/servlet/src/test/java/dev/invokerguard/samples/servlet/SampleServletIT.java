package dev.invokerguard.samples.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invokerguard.tck.sample.SampleContractSuite;
import dev.invokerguard.tck.sample.SampleProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The sample contract ({@link SampleContractSuite}) against {@code sample-servlet.jar}, and what is the servlet
 * sample's own: a policy that does not compile stops it with the problem listed.
 */
class SampleServletIT extends SampleContractSuite {

  @Override
  protected String allowedBody(String principal, String path) {
    return "{\"principal\": \"" + principal + "\", \"path\": \"" + path + "\"}\n";
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiterString = "=>", textBlock = """
      nested => that is 40001 characters long
      ((a{1000}){1000}){1000} => that would compile to more than 10000 instructions
      """)
  void startWhenPolicyHasARegexBombThenExitsListingTheProblemWithoutStackTrace(String pattern, String why)
      throws Exception {
    String literal = pattern.equals("nested") ? "(".repeat(20_000) + "a" + ")".repeat(20_000) : pattern;
    Path policy = Files.writeString(dir.resolve("regex-bomb.json"), """
        {"bindings": [{"role": "roles/run.invoker", "members": ["allUsers"],
          "condition": {"title": "bomb", "expression": "request.path.matches('%s')"}}]}""".formatted(literal));
    Map<String, String> env = new HashMap<>(env(issuer));
    env.put("INVOKERGUARD_POLICY", policy.toString());
    try (SampleProcess broken = SampleProcess.start(env)) {
      assertThat(broken.awaitExit()).isEqualTo(2);
      assertThat(broken.output())
          .contains("ERROR CONDITION_INVALID " + policy + ": bindings[0].condition.expression")
          .contains(why)
          .doesNotContain("Exception").doesNotContain("\tat ");
    }
  }
}
