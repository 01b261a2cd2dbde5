package dev.invokerguard.policy;

import static dev.invokerguard.policy.TestCallers.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.invokerguard.identity.Caller;
import dev.invokerguard.identity.Callers;
import dev.invokerguard.token.TokenFamily;
import dev.invokerguard.token.VerifiedToken;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Emails compare with ASCII letters folded only: look-alike spellings never match an allow binding, and a
 * deny rule also applies to every spelling that folds to its own under Unicode rules.
 */
class EmailMatchingTest {
  private static final String KELVIN_KATE = "\u212Aate@example.com";
  private static final String EVERYONE = """
      {"bindings":[{"role":"roles/run.invoker","members":["allAuthenticatedUsers"]}]}""";

  @Test
  void evaluateWhenTokenEmailHasKelvinSignThenUserKateNotGranted() {
    PolicyEvaluator evaluator = TestPolicies.serviceEvaluator("""
        {"bindings":[{"role":"roles/run.invoker","members":["user:kate@example.com"]}]}""");

    assertThat(evaluator.evaluate(fromToken(KELVIN_KATE), at("/")).reason())
        .isEqualTo(PolicyOutcome.Reason.NO_BINDING);
    assertThat(evaluator.evaluate(fromToken("Kate@Example.COM"), at("/")).allowed()).isTrue();
  }

  @Test
  void evaluateWhenMemberHasKelvinSignThenAsciiKateNotGranted() {
    PolicyEvaluator evaluator = TestPolicies.serviceEvaluator("""
        {"bindings":[{"role":"roles/run.invoker","members":["user:\\u212Aate@example.com"]}]}""");

    assertThat(evaluator.evaluate(fromToken("kate@example.com"), at("/")).allowed()).isFalse();
    assertThat(evaluator.evaluate(fromToken(KELVIN_KATE), at("/")).allowed()).isTrue();
  }

  @Test
  void evaluateWhenEmailIsNotAsciiThenOnlyTheExactSpellingGranted() {
    PolicyEvaluator evaluator = TestPolicies.serviceEvaluator("""
        {"bindings":[{"role":"roles/run.invoker","members":["user:k\u00e4te@example.com",
          "group:\u00e9quipe@example.com"]}]}""");

    assertThat(evaluator.evaluate(fromToken("k\u00e4te@example.com"), at("/")).allowed()).isTrue();
    assertThat(evaluator.evaluate(fromToken("K\u00e4te@example.com"), at("/")).allowed()).isFalse();
    assertThat(evaluator.evaluate(fromToken("K\u00c4TE@example.com"), at("/")).allowed()).isFalse();
    assertThat(evaluator.evaluate(fromToken("ka\u0308te@example.com"), at("/")).allowed()).isFalse();
    Caller inGroup = Callers.withGroups(fromToken("x@example.com"), c -> Set.of("\u00c9quipe@example.com"));
    assertThat(evaluator.evaluate(inGroup, at("/")).allowed()).isFalse();
  }

  @Test
  void evaluateWhenDeniedAsciiEmailAndTokenUsesKelvinSignThenStillDenied() {
    PolicyEvaluator evaluator = withDeny("principal://goog/subject/kate@example.com", null);

    PolicyOutcome outcome = evaluator.evaluate(fromToken(KELVIN_KATE), at("/"));

    assertThat(outcome.reason()).isEqualTo(PolicyOutcome.Reason.DENIED_BY_RULE);
    assertThat(outcome.deniedBy().principal()).isEqualTo("principal://goog/subject/kate@example.com");
    assertThat(evaluator.evaluate(fromToken("\uff4bate@example.com"), at("/")).reason())
        .isEqualTo(PolicyOutcome.Reason.DENIED_BY_RULE);
    assertThat(evaluator.evaluate(fromToken("other@example.com"), at("/")).allowed()).isTrue();
  }

  @Test
  void evaluateWhenDeniedNonAsciiEmailInAnotherCaseThenDenied() {
    PolicyEvaluator evaluator = withDeny("principal://goog/subject/K\u00c4TE@example.com", null);

    assertThat(evaluator.evaluate(fromToken("k\u00e4te@example.com"), at("/")).reason())
        .isEqualTo(PolicyOutcome.Reason.DENIED_BY_RULE);
  }

  @Test
  void evaluateWhenDeniedKelvinSpellingThenAsciiKateDenied() {
    PolicyEvaluator evaluator = withDeny("principal://goog/subject/\u212Aate@example.com", null);

    assertThat(evaluator.evaluate(fromToken("kate@example.com"), at("/")).reason())
        .isEqualTo(PolicyOutcome.Reason.DENIED_BY_RULE);
  }

  @Test
  void evaluateWhenExceptionNamesAsciiEmailThenKelvinSpellingNotExcepted() {
    PolicyEvaluator evaluator = withDeny("principalSet://goog/public:all",
        "principal://goog/subject/kate@example.com");

    assertThat(evaluator.evaluate(fromToken("kate@example.com"), at("/")).allowed()).isTrue();
    assertThat(evaluator.evaluate(fromToken(KELVIN_KATE), at("/")).reason())
        .isEqualTo(PolicyOutcome.Reason.DENIED_BY_RULE);
  }

  @Test
  void explainWhenDeniedAsciiEmailAndTokenUsesKelvinSignThenRuleShownAsApplying() {
    PolicyEvaluator evaluator = withDeny("principal://goog/subject/kate@example.com", null);

    PolicyTracer tracer = new PolicyTracer();
    tracer.evaluate(evaluator, fromToken(KELVIN_KATE), at("/"));
    PolicyTrace trace = tracer.trace();

    assertThat(trace.denyRules()).singleElement().satisfies(step -> {
      assertThat(step.matchedPrincipals()).containsExactly("principal://goog/subject/kate@example.com");
      assertThat(step.applies()).isTrue();
    });
  }

  private static PolicyEvaluator withDeny(String denied, String exception) {
    PolicyLoader loader = TestPolicies.loader();
    return PolicyEvaluator.of(
        List.of(loader.loadAllowOrThrow(PolicyText.json("allow.json", EVERYONE), PolicyLayer.SERVICE)),
        List.of(loader.loadDenyOrThrow(PolicyText.json("deny.json", denyJson(denied, exception)))));
  }

  private static String denyJson(String denied, String exception) {
    return "{\"rules\":[{\"denyRule\":{\"deniedPrincipals\":[\"" + denied + "\"],"
        + (exception == null ? "" : "\"exceptionPrincipals\":[\"" + exception + "\"],")
        + "\"deniedPermissions\":[\"run.googleapis.com/routes.invoke\"]}}]}";
  }

  private static Caller fromToken(String email) {
    return Callers.fromToken(new VerifiedToken(TokenFamily.Kind.GOOGLE, "https://accounts.google.com", "1",
        email, true, null, List.of("https://svc.example.com"), Instant.parse("2030-01-01T00:00:00Z"), null,
        Map.of()));
  }
}
