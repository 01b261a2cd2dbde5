package dev.invokerguard;

import static dev.invokerguard.FakeVerifier.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invokerguard.identity.Callers;
import dev.invokerguard.policy.PolicyTrace;
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
  void fromMembersWhenPrincipalFormUnknownThenRejected() {
    assertThatThrownBy(() -> Callers.fromMembers(List.of("group:g@example.com")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Callers.fromMembers(List.of("allUsers")).anonymous()).isTrue();
    assertThat(Callers.fromMembers(List.of("serviceAccount:A@p.iam.gserviceaccount.com", "group:G@x.com"))
        .members()).containsExactly("serviceAccount:a@p.iam.gserviceaccount.com", "group:g@x.com",
            "allAuthenticatedUsers", "allUsers");
  }
}
