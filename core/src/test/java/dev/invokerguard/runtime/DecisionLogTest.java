package dev.invokerguard.runtime;

import static dev.invokerguard.FakeVerifier.ALICE;
import static dev.invokerguard.FakeVerifier.BOB;
import static dev.invokerguard.FakeVerifier.EXPIRED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.invokerguard.Decision;
import dev.invokerguard.DecisionEvent;
import dev.invokerguard.EnforcementMode;
import dev.invokerguard.FakeVerifier;
import dev.invokerguard.Guards;
import dev.invokerguard.InvokerGuard;
import dev.invokerguard.InvokerGuardConfigurationException;
import dev.invokerguard.policy.source.PolicySnapshot;
import dev.invokerguard.policy.source.PolicySource;
import dev.invokerguard.request.AccessRequest;
import dev.invokerguard.token.IdTokenVerifier;
import dev.invokerguard.token.TokenFamily;
import dev.invokerguard.token.TokenVerification;
import dev.invokerguard.token.VerifiedToken;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The decision log's JSON lines, sampling and silence when off. */
class DecisionLogTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final List<String> lines = new ArrayList<>();

  InvokerGuard guard(DecisionLog log, EnforcementMode mode) {
    return Guards.withTicker(InvokerGuard.builder().verifier(new FakeVerifier()).clock(Guards.CLOCK).mode(mode)
        .listener(log), counter()).policySource(PolicySource.fixed(
            new PolicySnapshot(Guards.POLICY, "BwE1", Guards.CLOCK.instant(), "test"))).build();
  }

  private static java.util.function.LongSupplier counter() {
    long[] t = {0};
    return () -> t[0] += 12_345;
  }

  DecisionLog log(double rate, double draw) {
    return new DecisionLog(rate, () -> draw, () -> true, lines::add);
  }

  JsonNode only() throws Exception {
    assertThat(lines).hasSize(1);
    return JSON.readTree(lines.get(0));
  }

  @Test
  void onDecisionWhenGrantedThenJsonLineWithMatchedBindingAndNoToken() throws Exception {
    guard(log(1.0, 0.5), EnforcementMode.ENFORCE).check(Guards.bearer("/private", ALICE));

    JsonNode line = only();
    assertThat(line.get("outcome").asText()).isEqualTo("allow");
    assertThat(line.get("status").asInt()).isEqualTo(200);
    assertThat(line.get("reason").asText()).isEqualTo("GRANTED");
    assertThat(line.get("principal").asText()).isEqualTo("user:alice@example.com");
    assertThat(line.get("method").asText()).isEqualTo("GET");
    assertThat(line.get("host").asText()).isEqualTo("svc.example.com");
    assertThat(line.get("path").asText()).isEqualTo("/private");
    assertThat(line.get("layer").asText()).isEqualTo("SERVICE");
    assertThat(line.get("role").asText()).startsWith("roles/");
    assertThat(line.get("member").asText()).containsIgnoringCase("alice@example.com");
    assertThat(line.get("mode").asText()).isEqualTo("enforce");
    assertThat(line.get("latency_us").asLong()).isEqualTo(12);
    assertThat(line.get("time").asText()).isEqualTo(Guards.CLOCK.instant().toString());
    assertThat(line.get("policy_etag").asText()).isEqualTo("BwE1");
    assertThat(lines.get(0)).doesNotContain(ALICE).doesNotContain("sig");
  }

  @Test
  void onDecisionWhenRejectedTokenThenErrorCodeLoggedNeverToken() throws Exception {
    guard(log(0.0, 0.5), EnforcementMode.ENFORCE).check(Guards.bearer("/private", EXPIRED));

    JsonNode line = only();
    assertThat(line.get("outcome").asText()).isEqualTo("deny");
    assertThat(line.get("status").asInt()).isEqualTo(401);
    assertThat(line.get("token_error").asText()).isEqualTo("EXPIRED");
    assertThat(lines.get(0)).doesNotContain(EXPIRED).doesNotContain("expired.token");
  }

  @Test
  void onDecisionWhenShadowedDenialThenLoggedAsDenyWithEnforcedStatus() throws Exception {
    Decision decision = guard(log(0.0, 0.5), EnforcementMode.SHADOW).check(Guards.bearer("/private", BOB));

    JsonNode line = only();
    assertThat(decision.status()).isEqualTo(200);
    assertThat(line.get("outcome").asText()).isEqualTo("deny");
    assertThat(line.get("shadowed").asBoolean()).isTrue();
    assertThat(line.get("status").asInt()).isEqualTo(403);
    assertThat(line.get("mode").asText()).isEqualTo("shadow");
  }

  @Test
  void onDecisionWhenDeniedByRuleThenDenyRuleAndConditionLogged() throws Exception {
    guard(log(0.0, 0.5), EnforcementMode.ENFORCE).check(Guards.bearer("/admin/x", ALICE));

    JsonNode line = only();
    assertThat(line.get("reason").asText()).isEqualTo("DENIED_BY_RULE");
    assertThat(line.get("deny_rule").asText()).contains("rules[");
    assertThat(line.has("member")).isTrue();
  }

  @Test
  void onDecisionWhenAllowedAndDrawAboveRateThenNotLogged() {
    InvokerGuard guard = guard(log(0.01, 0.5), EnforcementMode.ENFORCE);

    guard.check(Guards.bearer("/private", ALICE));
    guard.check(Guards.bearer("/private", BOB));

    assertThat(lines).hasSize(1);
    assertThat(lines.get(0)).contains("\"outcome\":\"deny\"");
  }

  @Test
  void onDecisionWhenAllowedAndDrawBelowRateThenLogged() {
    guard(log(0.01, 0.001), EnforcementMode.ENFORCE).check(Guards.bearer("/private", ALICE));

    assertThat(lines).hasSize(1);
  }

  @Test
  void onDecisionWhenLoggerDisabledThenNothingBuilt() {
    boolean[] drawn = {false};
    DecisionLog off = new DecisionLog(1.0, () -> {
      drawn[0] = true;
      return 0;
    }, () -> false, line -> {
      throw new AssertionError("must not log");
    });

    Guards.builder().listener(off).build().check(Guards.bearer("/private", BOB));

    assertThat(lines).isEmpty();
    assertThat(drawn[0]).isFalse();
  }

  @Test
  void withAllowedSampleRateWhenOutOfRangeThenConfigurationError() {
    assertThatThrownBy(() -> DecisionLog.withAllowedSampleRate(1.5))
        .isInstanceOf(InvokerGuardConfigurationException.class);
    assertThatThrownBy(() -> DecisionLog.withAllowedSampleRate(Double.NaN))
        .isInstanceOf(InvokerGuardConfigurationException.class);
  }

  @Test
  void fieldWhenValueHasQuotesControlsAndLineSeparatorsThenEscapedOnOneLine() throws Exception {
    String nasty = "a\"b\\c\nd\re\tf\u0001g\u2028h\u2029i\u007fé";

    String line = new JsonLine(16).field("v", nasty).field("n", 7L).field("b", true)
        .field("absent", (String) null).end();

    assertThat(line).doesNotContain("\n").doesNotContain("\r").doesNotContain("\u2028")
        .doesNotContain("\u2029").contains("\\u2028").contains("\\u0001");
    JsonNode parsed = JSON.readTree(line);
    assertThat(parsed.get("v").asText()).isEqualTo(nasty);
    assertThat(parsed.get("n").asLong()).isEqualTo(7);
    assertThat(parsed.get("b").asBoolean()).isTrue();
    assertThat(parsed.has("absent")).isFalse();
  }

  @Test
  void onDecisionWhenPathHostAndPrincipalHugeThenEachCappedWithItsLength() throws Exception {
    String email = "e".repeat(20_000) + "@example.com";
    IdTokenVerifier longEmail = token -> TokenVerification.verified(new VerifiedToken(TokenFamily.Kind.GOOGLE,
        "https://accounts.google.com", "1", email, true, null, List.of("https://svc.example.com"),
        Instant.parse("2030-01-01T00:00:00Z"), null, Map.of()));
    InvokerGuard guard = Guards.builder().verifier(longEmail).listener(log(1.0, 0.5)).build();
    String host = "h".repeat(10_000) + ".example.com";
    String longPath = "/" + "p".repeat(32 * 1024);

    guard.check(AccessRequest.builder("GET", host, longPath + "//x").build());
    guard.check(AccessRequest.builder("GET", "svc.example.com", longPath)
        .header("Authorization", "Bearer t.t.t").build());

    assertThat(lines).hasSize(2).allSatisfy(l -> assertThat(l.length()).isLessThan(2_000));
    JsonNode rejected = JSON.readTree(lines.get(0));
    assertThat(rejected.get("reason").asText()).isEqualTo("PATH_REJECTED");
    assertThat(rejected.get("path").asText()).hasSize(DecisionLog.MAX_PATH_LENGTH + 3).endsWith("...")
        .startsWith("/ppp");
    assertThat(rejected.get("path_length").asInt()).isEqualTo(longPath.length() + 3);
    assertThat(rejected.get("host").asText()).hasSize(DecisionLog.MAX_HEADER_LENGTH + 3);
    assertThat(rejected.get("host_length").asInt()).isEqualTo(host.length());
    JsonNode denied = JSON.readTree(lines.get(1));
    assertThat(denied.get("principal").asText()).startsWith("user:eee").hasSize(DecisionLog.MAX_HEADER_LENGTH + 3);
    assertThat(denied.get("principal_length").asInt()).isEqualTo(email.length() + "user:".length());
    assertThat(denied.has("method_length")).isFalse();
  }

  @Test
  void fieldWhenCutInsideSurrogatePairThenPairNotSplit() throws Exception {
    String path = "/" + "a".repeat(DecisionLog.MAX_PATH_LENGTH - 2) + "\uD83D\uDE00tail";
    Decision decision = Guards.standard().check(Guards.get(path).build());

    String line = DecisionLog.line(new DecisionEvent(decision, Guards.CLOCK.instant(), 0, null, null), 0);

    assertThat(JSON.readTree(line).get("path").asText()).endsWith("a...");
  }

  @Test
  void onDecisionWhenFloodOfOneDenialReasonThenBoundedLinesAndDroppedCountOnNextLine() throws Exception {
    long[] now = {0};
    DecisionLog limited = new DecisionLog(0.0, () -> 0.5, () -> true, lines::add, 5, () -> now[0]);
    InvokerGuard guard = guard(limited, EnforcementMode.ENFORCE);

    for (int i = 0; i < 2_000; i++) {
      guard.check(Guards.get("/private").build());
    }
    guard.check(Guards.bearer("/private", EXPIRED));
    assertThat(lines).hasSize(6);
    assertThat(lines.subList(0, 5)).allSatisfy(l -> assertThat(l).contains("\"NO_CREDENTIALS\"")
        .doesNotContain("dropped"));
    assertThat(lines.get(5)).contains("\"TOKEN_REJECTED\"").doesNotContain("dropped");

    now[0] += 999_999_999L;
    guard.check(Guards.get("/private").build());
    assertThat(lines).hasSize(6);
    now[0] += 1;
    guard.check(Guards.get("/private").build());

    assertThat(lines).hasSize(7);
    JsonNode next = JSON.readTree(lines.get(6));
    assertThat(next.get("reason").asText()).isEqualTo("NO_CREDENTIALS");
    assertThat(next.get("dropped").asLong()).isEqualTo(2_000 - 5 + 1);
    assertThat(guard.counts().deniedByStatus()).containsEntry(401, 2_003L);
  }

  @Test
  void onDecisionWhenManyAllowedAtFullSampleRateThenNotLimited() {
    DecisionLog limited = new DecisionLog(1.0, () -> 0.5, () -> true, lines::add, 5, () -> 0L);

    InvokerGuard guard = guard(limited, EnforcementMode.ENFORCE);
    for (int i = 0; i < 50; i++) {
      guard.check(Guards.bearer("/private", ALICE));
    }

    assertThat(lines).hasSize(50);
  }

  @Test
  void onDecisionWhenSampledAllowedFloodThenBoundedLinesAndDroppedCountOnNextLine() throws Exception {
    long[] now = {0};
    DecisionLog sampled = new DecisionLog(0.5, () -> 0.1, () -> true, lines::add, 5, () -> now[0]);
    InvokerGuard guard = guard(sampled, EnforcementMode.ENFORCE);

    for (int i = 0; i < 100; i++) {
      guard.check(Guards.bearer("/private", ALICE));
    }
    assertThat(lines).hasSize(DecisionLog.SAMPLED_LINES_PER_SECOND);
    now[0] += 1_000_000_000L;
    guard.check(Guards.bearer("/private", ALICE));

    assertThat(lines).hasSize(DecisionLog.SAMPLED_LINES_PER_SECOND + 1);
    JsonNode next = JSON.readTree(lines.get(DecisionLog.SAMPLED_LINES_PER_SECOND));
    assertThat(next.get("outcome").asText()).isEqualTo("allow");
    assertThat(next.get("dropped").asLong()).isEqualTo(100 - DecisionLog.SAMPLED_LINES_PER_SECOND);
  }

  @Test
  void withDeniedLinesPerSecondWhenBelowOneThenConfigurationError() {
    assertThatThrownBy(() -> DecisionLog.create().withDeniedLinesPerSecond(0))
        .isInstanceOf(InvokerGuardConfigurationException.class);
  }
}
