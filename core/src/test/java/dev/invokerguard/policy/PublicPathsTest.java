package dev.invokerguard.policy;

import static dev.invokerguard.policy.TestCallers.at;
import static dev.invokerguard.policy.TestCallers.caller;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invokerguard.identity.Caller;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PublicPathsTest {

  private static PolicyEvaluator local(String... prefixes) {
    LoadedAllowPolicy loaded = TestPolicies.loader().loadAllowOrThrow(PublicPaths.policy(List.of(prefixes)),
        PolicyLayer.LOCAL);
    return PolicyEvaluator.of(List.of(loaded), List.of());
  }

  @Test
  void policyWhenPrefixEndsWithSlashThenEverythingUnderItOpenToAnonymousCallers() {
    PolicyEvaluator evaluator = local("/public/");

    PolicyOutcome outcome = evaluator.evaluate(Caller.ANONYMOUS, at("/public/a.css"));
    assertThat(outcome.allowed()).isTrue();
    assertThat(outcome.grantedBy().layer()).isEqualTo(PolicyLayer.LOCAL);
    assertThat(outcome.grantedBy().source()).isEqualTo(PublicPaths.SOURCE);
    assertThat(outcome.grantedBy().member()).isEqualTo("allUsers");
    assertThat(evaluator.evaluate(Caller.ANONYMOUS, at("/public")).allowed()).isFalse();
    assertThat(evaluator.evaluate(Caller.ANONYMOUS, at("/publicity")).allowed()).isFalse();
    assertThat(evaluator.evaluate(caller("user:a@example.com"), at("/private")).allowed()).isFalse();
  }

  @Test
  void policyWhenPrefixWithoutSlashThenThatPathAndItsChildrenButNotLongerNames() {
    PolicyEvaluator evaluator = local("/healthz", "/static/");

    assertThat(evaluator.evaluate(Caller.ANONYMOUS, at("/healthz")).allowed()).isTrue();
    assertThat(evaluator.evaluate(Caller.ANONYMOUS, at("/healthz/live")).allowed()).isTrue();
    assertThat(evaluator.evaluate(Caller.ANONYMOUS, at("/healthzz")).allowed()).isFalse();
    assertThat(evaluator.evaluate(Caller.ANONYMOUS, at("/static/x.js")).allowed()).isTrue();
  }

  @Test
  void policyWhenRootThenEveryPathOpen() {
    assertThat(local("/").evaluate(Caller.ANONYMOUS, at("/anything")).allowed()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"public/", "/public/*", "/a/../b", "/a/./b", "/a//b", "/a\"b", "/a\\b", "/a b",
      "/a%2fb", "/a,b", "", "/.."})
  void problemWhenNotAPlainPrefixThenNamed(String prefix) {
    assertThat(PublicPaths.problem(prefix)).isPresent().get().asString().contains(prefix);
    assertThatThrownBy(() -> PublicPaths.policy(List.of("/ok/", prefix)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(prefix);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/", "/public/", "/healthz", "/api/v1/open", "/a-b_c.d~e/", "/.well-known/"})
  void problemWhenPlainPrefixThenNone(String prefix) {
    assertThat(PublicPaths.problem(prefix)).isEmpty();
  }

  @Test
  void policyWhenNoPrefixThenRefused() {
    assertThatThrownBy(() -> PublicPaths.policy(List.of())).isInstanceOf(IllegalArgumentException.class);
  }
}
