package dev.invokerguard;

import static dev.invokerguard.FakeVerifier.ALICE;
import static dev.invokerguard.FakeVerifier.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invokerguard.policy.PolicyLayer;
import dev.invokerguard.policy.TestPolicies;
import dev.invokerguard.policy.source.PolicySnapshot;
import dev.invokerguard.policy.source.PolicySource;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A policy that a source may swap at run time, and a source that has none yet. */
class InvokerGuardPolicySourceTest {

  static PolicySnapshot snapshot(String member, String etag) {
    return new PolicySnapshot(TestPolicies.serviceEvaluator("{\"bindings\":[{\"role\":\"roles/run.invoker\","
        + "\"members\":[\"" + member + "\"]}]}"), etag, Guards.CLOCK.instant(), "test");
  }

  @Test
  void checkWhenSourceHasNoPolicyThen503WithRetryAfterNeverAllow() {
    InvokerGuard guard = InvokerGuard.builder().verifier(new FakeVerifier()).clock(Guards.CLOCK)
        .policySource(Optional::empty).build();

    Decision withToken = guard.check(Guards.bearer("/private", ALICE));
    Decision anonymous = guard.check(Guards.get("/public/a").build());

    for (Decision decision : new Decision[] {withToken, anonymous}) {
      assertThat(decision.allowed()).isFalse();
      assertThat(decision.status()).isEqualTo(503);
      assertThat(decision.reason()).isEqualTo(DecisionReason.POLICY_UNAVAILABLE);
      assertThat(decision.problem().orElseThrow().headers()).containsEntry("Retry-After", "5");
    }
  }

  @Test
  void checkWhenSourceSwapsPolicyThenNextRequestUsesNewPolicy() {
    AtomicReference<PolicySnapshot> current = new AtomicReference<>(snapshot("user:alice@example.com", "e1"));
    InvokerGuard guard = InvokerGuard.builder().verifier(new FakeVerifier()).clock(Guards.CLOCK)
        .policySource(() -> Optional.of(current.get())).build();
    assertThat(guard.check(Guards.bearer("/x", ALICE)).allowed()).isTrue();

    current.set(snapshot("user:bob@example.com", "e2"));

    assertThat(guard.check(Guards.bearer("/x", ALICE)).status()).isEqualTo(403);
    assertThat(guard.check(Guards.bearer("/x", BOB)).allowed()).isTrue();
    assertThat(guard.policy().orElseThrow().etag()).isEqualTo("e2");
  }

  @Test
  void buildWhenPolicySourceAndDocumentsThenConflicting() {
    InvokerGuardBuilder builder = InvokerGuard.builder().verifier(new FakeVerifier())
        .policySource(PolicySource.fixed(snapshot("allUsers", "e")))
        .allowPolicy(TestPolicies.resource("service-invoker.json"), PolicyLayer.SERVICE);

    assertThatThrownBy(builder::build).isInstanceOfSatisfying(InvokerGuardConfigurationException.class,
        e -> assertThat(e.code()).isEqualTo(ConfigurationErrorCode.CONFLICTING_POLICY_SOURCES));
  }

  @Test
  void policyWhenBuiltFromDocumentsThenEtagOfDocument() {
    InvokerGuard guard = InvokerGuard.builder().verifier(new FakeVerifier())
        .allowPolicy(TestPolicies.resource("service-invoker.json"), PolicyLayer.SERVICE).build();

    assertThat(guard.policy().orElseThrow().etag()).isEqualTo("BwYT5C8GiqY=");
  }
}
