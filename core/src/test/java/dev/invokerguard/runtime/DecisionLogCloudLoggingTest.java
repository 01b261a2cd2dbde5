package dev.invokerguard.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.invokerguard.EnforcementMode;
import dev.invokerguard.InvokerGuard;
import dev.invokerguard.policy.PolicyLayer;
import dev.invokerguard.policy.PolicyText;
import dev.invokerguard.request.AccessRequest;
import dev.invokerguard.testing.TestIssuer;
import dev.invokerguard.token.GoogleIdTokenVerifier;
import dev.invokerguard.token.TokenFamily;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Decision log lines in Cloud Logging's structured form, each parsed back as one JSON object. */
class DecisionLogCloudLoggingTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String AUDIENCE = "https://svc.example";
  private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static TestIssuer issuer;
  private final List<String> lines = new ArrayList<>();
  private GoogleIdTokenVerifier verifier;

  @BeforeAll
  static void startIssuer() {
    issuer = TestIssuer.start();
  }

  @AfterAll
  static void stopIssuer() {
    issuer.close();
  }

  @AfterEach
  void close() {
    if (verifier != null) {
      verifier.close();
    }
  }

  private InvokerGuard guard(String projectId) {
    verifier = GoogleIdTokenVerifier.builder()
        .family(TokenFamily.google(List.of(AUDIENCE)).withKeySetUri(issuer.jwksUri())).build();
    DecisionLog log = new DecisionLog(1.0, () -> 0.5, () -> true, lines::add, 20, System::nanoTime, true,
        projectId);
    return InvokerGuard.builder().verifier(verifier).mode(EnforcementMode.ENFORCE).listener(log)
        .allowPolicy(PolicyText.json("policy.json", """
            {"bindings": [{"role": "roles/run.invoker", "members": ["user:alice@example.com"]},
              {"role": "roles/run.invoker", "members": ["allUsers"],
               "condition": {"title": "public", "expression": "request.path.startsWith('/public/')"}}]}"""),
            PolicyLayer.SERVICE).build();
  }

  private JsonNode last() throws Exception {
    assertThat(lines.get(lines.size() - 1)).doesNotContain("\n");
    return JSON.readTree(lines.get(lines.size() - 1));
  }

  @Test
  void onDecisionWhenAllowedWithTraceparentThenInfoLineWithTraceAndHttpRequest() throws Exception {
    guard("my-project").check(AccessRequest.builder("GET", "svc.example", "/orders")
        .header("Authorization", "Bearer " + issuer.user("alice@example.com").audience(AUDIENCE).sign())
        .header("traceparent", "00-" + TRACE + "-00f067aa0ba902b7-01").build());

    JsonNode line = last();
    assertThat(line.get("severity").asText()).isEqualTo("INFO");
    assertThat(line.get("time").asText()).isNotBlank();
    assertThat(line.get("logging.googleapis.com/trace").asText()).isEqualTo("projects/my-project/traces/" + TRACE);
    assertThat(line.get("logging.googleapis.com/spanId").asText()).isEqualTo("00f067aa0ba902b7");
    assertThat(line.get("logging.googleapis.com/trace_sampled").asBoolean()).isTrue();
    assertThat(line.get("httpRequest").get("requestMethod").asText()).isEqualTo("GET");
    assertThat(line.get("httpRequest").get("requestUrl").asText()).isEqualTo("/orders");
    assertThat(line.get("httpRequest").get("status").asInt()).isEqualTo(200);
    assertThat(line.get("httpRequest").get("latency").asText()).matches("\\d+\\.\\d{6}s");
    assertThat(line.get("outcome").asText()).isEqualTo("allow");
    assertThat(line.get("principal").asText()).isEqualTo("user:alice@example.com");
    assertThat(line.get("message").asText()).contains("allow", "/orders", "user:alice@example.com");
  }

  @Test
  void onDecisionWhenRejectedTokenThenWarningLineNamesTheClaimedEmailNextToThePrincipalUsed() throws Exception {
    String token = issuer.user("mallory@example.com").audience("https://elsewhere.example").sign();
    guard(null).check(AccessRequest.builder("GET", "svc.example", "/orders")
        .header("Authorization", "Bearer " + token)
        .header("X-Cloud-Trace-Context", TRACE.toUpperCase() + "/1234567890;o=0").build());

    JsonNode line = last();
    assertThat(line.get("severity").asText()).isEqualTo("WARNING");
    assertThat(line.get("outcome").asText()).isEqualTo("deny");
    assertThat(line.get("status").asInt()).isEqualTo(401);
    assertThat(line.get("token_error").asText()).isEqualTo("INVALID_AUDIENCE");
    assertThat(line.get("principal").asText()).isEqualTo("allUsers");
    assertThat(line.get("claimed_email").asText()).isEqualTo("mallory@example.com");
    assertThat(line.get("logging.googleapis.com/trace").asText()).isEqualTo(TRACE);
    assertThat(line.get("logging.googleapis.com/spanId").asText()).isEqualTo(String.format("%016x", 1234567890L));
    assertThat(line.get("logging.googleapis.com/trace_sampled").asBoolean()).isFalse();
    assertThat(lines.get(0)).doesNotContain(token);
  }

  @Test
  void onDecisionWhenVerifiedTokenThenNoClaimedEmailAndNoTraceWithoutHeader() throws Exception {
    guard(null).check(AccessRequest.builder("GET", "svc.example", "/public/a").build());

    JsonNode line = last();
    assertThat(line.has("claimed_email")).isFalse();
    assertThat(line.has("logging.googleapis.com/trace")).isFalse();
    assertThat(line.get("principal").asText()).isEqualTo("allUsers");
  }

  @Test
  void decisionLogWhenFormatUnsetThenJsonOnCloudRunAndTextElsewhereAndProjectFromPolicy() {
    GuardSettings unset = GuardSettings.builder().policy("cloudrun://projects/my-project/locations/l/services/s")
        .build();
    GuardSettings text = GuardSettings.builder().policy("p.json").audiences(AUDIENCE).decisionLogFormat("text")
        .build();

    assertThat(line(RuntimeAssembly.decisionLog(unset, Map.of("K_SERVICE", "s")))).isTrue();
    assertThat(line(RuntimeAssembly.decisionLog(unset, Map.of()))).isFalse();
    assertThat(line(RuntimeAssembly.decisionLog(text, Map.of("K_SERVICE", "s")))).isFalse();
    assertThat(RuntimeAssembly.projectId(unset, Map.of())).isEqualTo("my-project");
    assertThat(RuntimeAssembly.projectId(unset, Map.of("GOOGLE_CLOUD_PROJECT", "other"))).isEqualTo("other");
    assertThat(GuardSettings.fromEnvironment(Map.of("INVOKERGUARD_POLICY", "p.json", "INVOKERGUARD_AUDIENCES",
        AUDIENCE, "INVOKERGUARD_DECISION_LOG_FORMAT", "JSON")).decisionLogFormat()).isEqualTo("json");
  }

  /** Whether the log writes Cloud Logging lines. */
  private static boolean line(DecisionLog log) {
    return log.cloudLoggingFormat();
  }
}
