package dev.invokerguard;

import static dev.invokerguard.FakeVerifier.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invokerguard.policy.PolicyEvaluator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** An Error inside a decision is a 503 denial; only an Error that means the JVM is broken goes on up. */
class InvokerGuardFailureTest {

  private static Error error(String kind) {
    return switch (kind) {
      case "OutOfMemoryError" -> new OutOfMemoryError("Java heap space");
      case "StackOverflowError" -> new StackOverflowError();
      case "NoClassDefFoundError" -> new NoClassDefFoundError("dev/invokerguard/Missing");
      default -> throw new IllegalArgumentException(kind);
    };
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"OutOfMemoryError", "StackOverflowError", "NoClassDefFoundError"})
  void checkWhenEvaluatorThrowsAnErrorThen503WithRetryAfterAndNoClassNameInTheBody(String kind) {
    PolicyEvaluator failing = (caller, request) -> {
      throw error(kind);
    };
    InvokerGuard guard = Guards.builder().evaluator(failing).build();

    Decision decision = guard.check(Guards.bearer("/private", ALICE));

    assertThat(decision.reason()).isEqualTo(DecisionReason.EVALUATION_FAILED);
    assertThat(decision.status()).isEqualTo(503);
    HttpProblem problem = decision.problem().orElseThrow();
    assertThat(problem.headers()).containsEntry("Retry-After", "5");
    assertThat(problem.body()).doesNotContain(kind).doesNotContain("java.");
    assertThat(guard.explain(Guards.bearer("/private", ALICE)).decision().status()).isEqualTo(503);
    assertThat(guard.unavailable()).isEqualTo(problem);
  }

  @Test
  void checkWhenEvaluatorThrowsInternalErrorThenItGoesOnUp() {
    PolicyEvaluator broken = (caller, request) -> {
      throw new InternalError("the JVM is broken");
    };
    InvokerGuard guard = Guards.builder().evaluator(broken).build();

    assertThatThrownBy(() -> guard.check(Guards.bearer("/private", ALICE))).isInstanceOf(InternalError.class);
    assertThat(guard.unavailable().status()).isEqualTo(503);
  }

  @Test
  void checkWhenListenerThrowsAnErrorThenDecisionStandsAndLaterListenersHear() {
    List<DecisionEvent> heard = new ArrayList<>();
    InvokerGuard guard = Guards.builder()
        .listener(event -> {
          throw new StackOverflowError();
        })
        .listener(heard::add).build();

    Decision decision = guard.check(Guards.bearer("/private", ALICE));

    assertThat(decision.status()).isEqualTo(200);
    assertThat(heard).singleElement().satisfies(event -> assertThat(event.decision()).isSameAs(decision));
  }
}
