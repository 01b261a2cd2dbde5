package dev.invokerguard;

import static dev.invokerguard.FakeVerifier.ALICE;
import static dev.invokerguard.FakeVerifier.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invokerguard.identity.Callers;
import dev.invokerguard.policy.PolicyOutcome;
import dev.invokerguard.policy.PolicyTrace;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Explanations: the decision with every deny rule and binding considered. */
class InvokerGuardExplainTest {
  private final InvokerGuard guard = Guards.standard();

  @Test
  void explainWhenDenyRuleAppliesThenTraceMarksRuleAndDecisionAgrees() {
    Explanation explanation = guard.explain(Guards.bearer("/admin/x", ALICE));

    assertThat(explanation.decision().reason()).isEqualTo(DecisionReason.DENIED_BY_RULE);
    assertThat(explanation.trace().denyRules()).anySatisfy(rule -> assertThat(rule.applies()).isTrue());
    assertThat(explanation.text()).contains("APPLIES").contains("request.path: /admin/x");
  }

  @Test
  void explainWhenGivenCallerThenDecidedForThatCallerWithoutToken() {
    Explanation explanation = guard.explain(Guards.get("/private").build(),
        Callers.fromMembers(List.of("user:Alice@Example.com")));

    assertThat(explanation.decision().reason()).isEqualTo(DecisionReason.GRANTED);
    assertThat(explanation.decision().principal()).isEqualTo("user:alice@example.com");
    assertThat(explanation.trace().bindings()).filteredOn(PolicyTrace.BindingStep::applies).isNotEmpty();
  }

  @Test
  void explainWhenPathRejectedThenNoTrace() {
    assertThat(guard.explain(Guards.get("/a%2Fb").build()).trace()).isNull();
  }

  @Test
  void explainWhenGroupLookupFailsThenTraceMarksTheDenyRuleThatDecided() {
    InvokerGuard failing = Guards.builder().groupResolver(caller -> {
      throw new IllegalStateException("directory down");
    }).build();

    Explanation explanation = failing.explain(Guards.bearer("/private", BOB));

    assertThat(explanation.decision().reason()).isEqualTo(DecisionReason.DENIED_BY_RULE);
    assertThat(explanation.decision().deniedBy().ruleIndex()).isZero();
    assertThat(explanation.trace().denyRules().get(0)).satisfies(rule -> {
      assertThat(rule.applies()).isTrue();
      assertThat(rule.why()).contains("groups are unknown", "principalSet://goog/group/contractors@example.com");
    });
    assertThat(explanation.text()).contains("deny deny-policy.json rules[0] APPLIES");
  }

  @Test
  void explainWhenAnEarlierBindingGrantsThenLaterMatchingBindingIsNotEvaluated() {
    Explanation explanation = guard.explain(Guards.bearer("/internal/x", ALICE));

    assertThat(explanation.decision().grantedBy().bindingIndex()).isEqualTo(1);
    assertThat(explanation.trace().bindings().get(2)).satisfies(binding -> {
      assertThat(binding.matchedMembers()).containsExactly("allAuthenticatedUsers");
      assertThat(binding.applies()).isFalse();
      assertThat(binding.conditionValue()).isEqualTo(PolicyTrace.ConditionValue.NOT_EVALUATED);
      assertThat(binding.why()).isEqualTo("not evaluated: guard-policy.json bindings[1] grants first");
    });
  }

  @Test
  void explainWhenConditionsEvaluatedThenTraceShowsWhatTheDecisionSaw() {
    Explanation explanation = guard.explain(Guards.bearer("/private", FakeVerifier.FLAKY));

    List<PolicyTrace.BindingStep> bindings = explanation.trace().bindings();
    assertThat(bindings.get(0).conditionValue()).isEqualTo(PolicyTrace.ConditionValue.FALSE);
    assertThat(bindings.get(0).why()).isEqualTo("member allUsers matches but the condition is false");
    assertThat(bindings.get(4).conditionValue()).isEqualTo(PolicyTrace.ConditionValue.ERROR);
    assertThat(bindings.get(4).applies()).isFalse();
    assertThat(bindings.get(1).why()).isEqualTo("no member matches user:flaky@example.com");
    assertThat(explanation.decision().notes()).singleElement().asString().contains("\"flaky\"");
  }

  @Test
  void explainWhenExceptionPrincipalMatchesThenRuleTracedAsExcepted() {
    Explanation lead = guard.explain(Guards.get("/private").build(),
        Callers.fromMembers(List.of("user:lead@example.com", "group:contractors@example.com")));

    assertThat(lead.decision().deniedBy()).isNull();
    assertThat(lead.trace().denyRules().get(0)).satisfies(rule -> {
      assertThat(rule.matchedPrincipals()).containsExactly("principalSet://goog/group/contractors@example.com");
      assertThat(rule.excepted()).isTrue();
      assertThat(rule.applies()).isFalse();
      assertThat(rule.why()).isEqualTo("an exception principal matches");
    });
    assertThat(lead.trace().denyRules().get(3).why()).isEqualTo("the rule does not deny run.routes.invoke");
  }

  @Test
  void explainWhenEvaluatorIsNotTheLoadedPolicysThenDecidedWithoutTrace() {
    InvokerGuard custom = Guards.builder().evaluator((caller, request) -> new PolicyOutcome(
        PolicyOutcome.Reason.NO_BINDING, null, null, List.of())).build();

    Explanation explanation = custom.explain(Guards.bearer("/private", ALICE));

    assertThat(explanation.decision().reason()).isEqualTo(DecisionReason.NO_BINDING);
    assertThat(explanation.trace()).isNull();
  }

  @Test
  void checkAndExplainWhenClockMovesOnEveryReadThenEachRequestIsJudgedAtOneInstant() {
    CountingClock clock = new CountingClock();
    List<Instant> seenByPolicy = new ArrayList<>();
    List<DecisionEvent> events = new ArrayList<>();
    InvokerGuard ticking = Guards.builder().clock(clock).listener(events::add).evaluator((caller, request) -> {
      seenByPolicy.add(request.time());
      return new PolicyOutcome(PolicyOutcome.Reason.NO_BINDING, null, null, List.of());
    }).build();
    int readsAtBuild = clock.reads;

    Decision checked = ticking.check(Guards.bearer("/private", ALICE));
    Explanation explained = ticking.explain(Guards.bearer("/private", ALICE));

    assertThat(clock.reads - readsAtBuild).as("one clock read per request").isEqualTo(2);
    assertThat(events).singleElement().satisfies(event -> assertThat(event.time()).isEqualTo(checked.time()));
    assertThat(seenByPolicy).containsExactly(checked.time(), explained.decision().time());
    assertThat(explained.time()).isEqualTo(explained.decision().time());
    assertThat(explained.text()).contains("request.time: " + explained.decision().time());
  }

  /** A clock that moves a second on every read. */
  private static final class CountingClock extends Clock {
    private Instant now = Instant.parse("2025-06-01T12:00:00Z");
    private int reads;

    @Override
    public Instant instant() {
      reads++;
      now = now.plusSeconds(1);
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }
  }

  @Test
  void fromMembersWhenPrincipalFormUnknownThenRejected() {
    assertThatThrownBy(() -> Callers.fromMembers(List.of("group:g@example.com")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Callers.fromMembers(List.of("allUsers")).anonymous()).isTrue();
    assertThat(Callers.fromMembers(List.of("serviceAccount:A@p.iam.gserviceaccount.com", "group:G@x.com"))
        .members()).containsExactly("serviceAccount:a@p.iam.gserviceaccount.com", "group:g@x.com",
            "allAuthenticatedUsers", "allUsers");
  }
}
