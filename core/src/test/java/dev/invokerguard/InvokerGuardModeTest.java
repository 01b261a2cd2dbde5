package dev.invokerguard;

import static dev.invokerguard.FakeVerifier.ALICE;
import static dev.invokerguard.FakeVerifier.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Shadow mode, listeners and counters (step 7 of the pipeline). */
class InvokerGuardModeTest {

  @Test
  void checkWhenShadowModeAndDeniedThenPassesMarkedShadowedWithOriginalReason() {
    InvokerGuard guard = Guards.builder().mode(EnforcementMode.SHADOW).build();

    Decision decision = guard.check(Guards.bearer("/private", BOB));

    assertThat(decision.allowed()).isTrue();
    assertThat(decision.status()).isEqualTo(200);
    assertThat(decision.shadowed()).isTrue();
    assertThat(decision.reason()).isEqualTo(DecisionReason.NO_BINDING);
    assertThat(decision.enforcedStatus()).isEqualTo(403);
    assertThat(decision.problem()).isEmpty();
    assertThat(decision.explain()).startsWith("SHADOW-DENY");
  }

  @Test
  void checkWhenShadowModeAndGrantedThenNotShadowed() {
    Decision decision = Guards.builder().mode(EnforcementMode.SHADOW).build()
        .check(Guards.bearer("/private", ALICE));

    assertThat(decision.shadowed()).isFalse();
    assertThat(decision.reason()).isEqualTo(DecisionReason.GRANTED);
  }

  @Test
  void checkWhenEnforceModeAndDeniedThenNotShadowed() {
    Decision decision = Guards.standard().check(Guards.bearer("/private", BOB));

    assertThat(decision.shadowed()).isFalse();
    assertThat(decision.status()).isEqualTo(403);
  }

  @Test
  void checkWhenListenersThenEachHearsEventWithLatencyEtagAndMode() {
    List<DecisionEvent> heard = new ArrayList<>();
    long[] ticks = {1_000, 8_000};
    int[] next = {0};
    InvokerGuard guard = Guards.builder().mode(EnforcementMode.SHADOW)
        .listener(e -> {
          throw new IllegalStateException("a broken listener");
        })
        .listener(heard::add).ticker(() -> ticks[next[0]++]).build();

    Decision decision = guard.check(Guards.bearer("/private", BOB));

    assertThat(heard).hasSize(1);
    DecisionEvent event = heard.get(0);
    assertThat(event.decision()).isSameAs(decision);
    assertThat(event.latencyNanos()).isEqualTo(7_000);
    assertThat(event.mode()).isEqualTo(EnforcementMode.SHADOW);
    assertThat(event.time()).isEqualTo(Guards.CLOCK.instant());
  }

  @Test
  void countsWhenMixedDecisionsThenAllowedDeniedByStatusAndShadowDenied() {
    InvokerGuard enforce = Guards.standard();
    InvokerGuard shadow = Guards.builder().mode(EnforcementMode.SHADOW).build();
    for (InvokerGuard guard : List.of(enforce, shadow)) {
      guard.check(Guards.bearer("/private", ALICE));
      guard.check(Guards.bearer("/private", BOB));
      guard.check(Guards.bearer("/private", BOB));
      guard.check(Guards.get("/private").build());
      guard.check(Guards.get("/a%2Fb").build());
    }

    DecisionCounts enforced = enforce.counts();
    DecisionCounts shadowed = shadow.counts();

    assertThat(enforced.allowed()).isEqualTo(1);
    assertThat(enforced.deniedByStatus()).isEqualTo(Map.of(400, 1L, 401, 1L, 403, 2L, 503, 0L));
    assertThat(enforced.shadowDenied()).isZero();
    assertThat(shadowed.allowed()).isEqualTo(1);
    assertThat(shadowed.denied()).isEqualTo(4);
    assertThat(shadowed.shadowDenied()).isEqualTo(4);
  }

  @Test
  void parseWhenModeTextThenModeOrConfigurationError() {
    assertThat(EnforcementMode.parse(" Shadow ")).isEqualTo(EnforcementMode.SHADOW);
    assertThat(EnforcementMode.parse("enforce")).isEqualTo(EnforcementMode.ENFORCE);
    assertThatThrownBy(() -> EnforcementMode.parse("log-only"))
        .isInstanceOfSatisfying(InvokerGuardConfigurationException.class,
            e -> assertThat(e.code()).isEqualTo(ConfigurationErrorCode.INVALID_SETTING));
  }
}
