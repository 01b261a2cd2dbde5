package dev.invokerguard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.invokerguard.Decision.Refusal;
import dev.invokerguard.policy.RequestAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The problem body written with the JSON generator is the text {@code ObjectMapper} wrote, byte for byte. */
class ProblemRendererDifferentialTest {
  private static final ObjectMapper OLD = new ObjectMapper();
  private static final List<String> DETAILS = List.of("", "The token has expired.", "quote \" and backslash \\",
      "control \u0000\u0001\u001f\t\n\r\b\f and DEL \u007f", "non-ASCII é 中 😀 \ud800 (lone surrogate)",
      "</script><script>alert(1)</script> & 'apostrophe' \u2028\u2029", "/slash/ and \\/ and %41 and \\u0041");

  @Test
  void renderWhenEveryDenialAndOddDetailsThenSameBodyAsTheObjectMapper() throws Exception {
    List<DecisionReason> denials = Arrays.stream(DecisionReason.values()).filter(r -> !r.allows()).toList();
    int compared = 0;
    for (DecisionReason reason : denials) {
      for (String detail : DETAILS) {
        Decision decision = new Decision(reason, "GET", new RequestAttributes("svc.example", "/p", Instant.EPOCH),
            Decisions.ANONYMOUS, null, new Refusal(detail, "Bearer realm=\"x\"", Duration.ofSeconds(3)), List.of(),
            false);

        assertThat(ProblemRenderer.render(decision).body()).as(reason + " " + detail).isEqualTo(old(decision));
        compared++;
      }
    }
    assertThat(compared).isGreaterThan(5 * DETAILS.size());
  }

  /** The body as ProblemRenderer wrote it with an ObjectMapper. */
  private static String old(Decision decision) throws Exception {
    ObjectNode body = OLD.createObjectNode();
    body.put("type", decision.reason().problemType());
    body.put("title", decision.reason().title());
    body.put("status", decision.status());
    body.put("detail", decision.detail() == null ? decision.reason().title() : decision.detail());
    return OLD.writeValueAsString(body);
  }
}
