package dev.invokerguard.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invokerguard.InvokerGuard;
import dev.invokerguard.identity.GroupResolver;
import dev.invokerguard.policy.PolicyEvaluator;
import dev.invokerguard.policy.PolicyLayer;
import dev.invokerguard.policy.PolicyText;
import dev.invokerguard.policy.source.PolicySnapshot;
import dev.invokerguard.policy.source.PolicySource;
import dev.invokerguard.testing.TestIssuer;
import dev.invokerguard.token.GoogleIdTokenVerifier;
import dev.invokerguard.token.TokenFamily;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** An Error inside a decision is a 503 problem with Retry-After, never the container's 500 naming it. */
class InvokerGuardFilterFailureTest {
  private static TestIssuer issuer;
  private static GoogleIdTokenVerifier verifier;

  @BeforeAll
  static void start() {
    issuer = TestIssuer.start();
    verifier = GoogleIdTokenVerifier.builder()
        .family(TokenFamily.google(List.of(FilterFixtures.AUDIENCE)).withKeySetUri(issuer.jwksUri())).build();
  }

  @AfterAll
  static void stop() {
    verifier.close();
    issuer.close();
  }

  private static Error error(String kind) {
    return switch (kind) {
      case "OutOfMemoryError" -> new OutOfMemoryError("Java heap space");
      case "StackOverflowError" -> new StackOverflowError();
      case "InternalError" -> new InternalError("the JVM is broken");
      default -> throw new IllegalArgumentException(kind);
    };
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"OutOfMemoryError", "StackOverflowError"})
  void doFilterWhenPolicyEvaluatorThrowsAnErrorThen503ProblemWithoutClassName(String kind) throws Exception {
    PolicyEvaluator failing = (caller, request) -> {
      throw error(kind);
    };
    InvokerGuard guard = InvokerGuard.builder().verifier(verifier).policySource(PolicySource.fixed(
        new PolicySnapshot(failing, "e1", Instant.now(), "test"))).build();

    assertUnavailable(guard, jetty -> get(jetty, "/private/a", FilterFixtures.alice(issuer)), kind);
    assertThat(guard.counts().deniedByStatus()).containsEntry(503, 1L);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"OutOfMemoryError", "StackOverflowError"})
  void doFilterWhenGroupResolverThrowsAnErrorThen503ProblemWithoutClassName(String kind) throws Exception {
    GroupResolver failing = caller -> {
      throw error(kind);
    };
    InvokerGuard guard = InvokerGuard.builder().verifier(verifier).groupResolver(failing)
        .allowPolicy(PolicyText.json("p.json", """
            {"bindings": [{"role": "roles/run.invoker", "members": ["group:team@example.com"]}]}"""),
            PolicyLayer.SERVICE).build();

    assertUnavailable(guard, jetty -> get(jetty, "/private/a", FilterFixtures.alice(issuer)), kind);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"OutOfMemoryError", "InternalError"})
  void doFilterWhenThePolicySourceThrowsThen503ProblemWithoutClassName(String kind) throws Exception {
    PolicySource failing = () -> {
      throw error(kind);
    };
    InvokerGuard guard = InvokerGuard.builder().verifier(verifier).policySource(failing).build();

    assertUnavailable(guard, jetty -> get(jetty, "/public/a", null), kind);
  }

  private static String get(GuardedJetty jetty, String path, String token) {
    try {
      return token == null ? jetty.get(path) : jetty.get(path, "Authorization: Bearer " + token);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void assertUnavailable(InvokerGuard guard, Function<GuardedJetty, String> request, String kind)
      throws Exception {
    try (GuardedJetty jetty = new GuardedJetty(new InvokerGuardFilter(guard), Map.of())) {
      String response = request.apply(jetty);

      assertThat(GuardedJetty.status(response)).as(response).isEqualTo(503);
      assertThat(response).containsIgnoringCase("Content-Type: application/problem+json")
          .containsIgnoringCase("Retry-After: 5")
          .contains("\"status\":503", "urn:invokerguard:problem:evaluation-failed")
          .doesNotContain(kind).doesNotContain("java.").doesNotContain("dev.invokerguard.");
      assertThat(jetty.seen).isEmpty();
      assertThat(jetty.running()).isTrue();
    }
  }
}
