package dev.invokerguard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invokerguard.identity.StaticGroupResolver;
import dev.invokerguard.policy.PolicyLayer;
import dev.invokerguard.policy.PolicyLoadException;
import dev.invokerguard.policy.PolicyOutcome;
import dev.invokerguard.policy.PolicyProblem;
import dev.invokerguard.policy.PolicyProblemCode;
import dev.invokerguard.policy.PolicyText;
import dev.invokerguard.policy.TestPolicies;
import dev.invokerguard.request.AccessRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class InvokerGuardBuilderTest {

  static Stream<Arguments> badConfigurations() {
    return Stream.of(
        Arguments.of("no verifier", (UnaryOperator<InvokerGuardBuilder>) b -> b.verifier(null),
            ConfigurationErrorCode.MISSING_VERIFIER),
        Arguments.of("no policy", (UnaryOperator<InvokerGuardBuilder>) b -> b.evaluator(null),
            ConfigurationErrorCode.MISSING_POLICY),
        Arguments.of("two policy sources", (UnaryOperator<InvokerGuardBuilder>) b -> b.allowPolicy(
            TestPolicies.resource("bare-bindings.json"), PolicyLayer.SERVICE),
            ConfigurationErrorCode.CONFLICTING_POLICY_SOURCES),
        Arguments.of("quote in realm", (UnaryOperator<InvokerGuardBuilder>) b -> b.realm("a\"b"),
            ConfigurationErrorCode.INVALID_SETTING),
        Arguments.of("tiny header limit", (UnaryOperator<InvokerGuardBuilder>) b -> b.maxCredentialHeaderLength(10),
            ConfigurationErrorCode.INVALID_SETTING),
        Arguments.of("zero retry", (UnaryOperator<InvokerGuardBuilder>) b -> b.retryAfter(Duration.ZERO),
            ConfigurationErrorCode.INVALID_SETTING));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badConfigurations")
  void buildWhenConfigurationIsBadThenFailsWithCode(String name, UnaryOperator<InvokerGuardBuilder> change,
      ConfigurationErrorCode code) {
    InvokerGuardBuilder builder = change.apply(Guards.builder());

    assertThatThrownBy(builder::build).isInstanceOfSatisfying(InvokerGuardConfigurationException.class,
        e -> assertThat(e.code()).isEqualTo(code));
  }

  @Test
  void buildWhenPolicyDocumentsThenLoadsAndDecides() {
    InvokerGuard guard = Guards.builder().evaluator(null)
        .allowPolicy(TestPolicies.resource("service-invoker.yaml"), PolicyLayer.SERVICE).build();

    assertThat(guard.check(Guards.bearer("/", FakeVerifier.ALICE)).status()).isEqualTo(200);
    assertThat(guard.check(Guards.bearer("/", FakeVerifier.BOB)).status()).isEqualTo(403);
  }

  @Test
  void buildWhenSeveralDocumentsAreMalformedThenOneExceptionListsEveryProblem() {
    InvokerGuardBuilder builder = Guards.builder().evaluator(null)
        .allowPolicy(PolicyText.json("project.json",
            "{\"bindings\":[{\"role\":\"roles/run.invoker\",\"members\":[\"allUsers\"]}]}"), PolicyLayer.PROJECT)
        .allowPolicy(PolicyText.json("service.json", "{\"version\":2}"), PolicyLayer.SERVICE)
        .denyPolicy(PolicyText.json("deny.json", "{\"rules\":[]}"));

    assertThatThrownBy(builder::build).isInstanceOfSatisfying(PolicyLoadException.class, e ->
        assertThat(e.errors()).extracting(PolicyProblem::source, PolicyProblem::code).containsExactly(
            org.assertj.core.groups.Tuple.tuple("project.json", PolicyProblemCode.PUBLIC_MEMBER_IN_PROJECT_LAYER),
            org.assertj.core.groups.Tuple.tuple("service.json", PolicyProblemCode.UNSUPPORTED_VERSION),
            org.assertj.core.groups.Tuple.tuple("deny.json", PolicyProblemCode.MISSING_FIELD)));
  }

  @Test
  void buildWhenPermissionIsMalformedThenInvalidSetting() {
    InvokerGuardBuilder builder = Guards.builder().evaluator(null).permission("invoke")
        .allowPolicy(TestPolicies.resource("bare-bindings.json"), PolicyLayer.SERVICE);

    assertThatThrownBy(builder::build).isInstanceOfSatisfying(InvokerGuardConfigurationException.class,
        e -> assertThat(e.code()).isEqualTo(ConfigurationErrorCode.INVALID_SETTING));
  }

  @Test
  void checkWhenEvaluatorThrowsThenDeniedNotThrown() {
    InvokerGuard guard = Guards.builder().evaluator((caller, request) -> {
      throw new IllegalStateException("bug");
    }).build();

    Decision decision = guard.check(Guards.bearer("/private", FakeVerifier.ALICE));

    assertThat(decision.reason()).isEqualTo(DecisionReason.EVALUATION_FAILED);
    assertThat(decision.status()).isEqualTo(503);
    assertThat(decision.allowed()).isFalse();
    assertThat(decision.problem().orElseThrow().headers()).containsKey("Retry-After");
  }

  @Test
  void checkWhenRemoteGroupResolverThenAskedOncePerCallerWithinTtl() {
    AtomicInteger asked = new AtomicInteger();
    InvokerGuard guard = Guards.builder().groupResolver(caller -> {
      asked.incrementAndGet();
      return Set.of("team@example.com");
    }).build();

    guard.check(Guards.bearer("/private", FakeVerifier.ALICE));
    guard.check(Guards.bearer("/private", FakeVerifier.ALICE));

    assertThat(asked).hasValue(1);
  }

  @Test
  void checkWhenGroupCacheTtlZeroThenResolverAskedEveryTime() {
    AtomicInteger asked = new AtomicInteger();
    InvokerGuard guard = Guards.builder().groupCacheTtl(Duration.ZERO).groupResolver(caller -> {
      asked.incrementAndGet();
      return Set.of();
    }).build();

    guard.check(Guards.bearer("/private", FakeVerifier.ALICE));
    guard.check(Guards.bearer("/private", FakeVerifier.ALICE));

    assertThat(asked).hasValue(2);
  }

  @Test
  void checkWhenVerifierThrowsThenDeniedNotThrown() {
    InvokerGuard guard = Guards.builder().verifier(token -> {
      throw new NullPointerException();
    }).build();

    assertThat(guard.check(Guards.bearer("/public/a", "x")).reason()).isEqualTo(DecisionReason.EVALUATION_FAILED);
  }

  @Test
  void checkWhenClockInjectedThenRequestTimeComesFromIt() {
    AtomicReference<Instant> seen = new AtomicReference<>();
    InvokerGuard guard = Guards.builder().evaluator((caller, request) -> {
      seen.set(request.time());
      return new PolicyOutcome(PolicyOutcome.Reason.NO_BINDING, null, null, List.of());
    }).build();

    guard.check(Guards.get("/").build());

    assertThat(seen.get()).isEqualTo(Guards.CLOCK.instant());
  }

  @Test
  void checkWhenStaticGroupsConfiguredThenGroupBindingMatches() {
    InvokerGuard guard = Guards.builder().groupResolver(StaticGroupResolver.of(
        Map.of("admins@example.com", List.of("user:bob@example.com")))).build();
    AccessRequest request = AccessRequest.builder("GET", "admin.example.com", "/x")
        .header("Authorization", "Bearer " + FakeVerifier.BOB).build();

    assertThat(guard.check(request).status()).isEqualTo(200);
    assertThat(Guards.standard().check(request).status()).isEqualTo(403);
  }

  @Test
  void checkWhenGroupResolverFailsThenGroupBindingNeverGrants() {
    InvokerGuard guard = Guards.builder().groupResolver(c -> {
      throw new IllegalStateException("directory down");
    }).build();
    AccessRequest request = AccessRequest.builder("GET", "admin.example.com", "/x")
        .header("Authorization", "Bearer " + FakeVerifier.BOB).build();

    Decision decision = guard.check(request);

    assertThat(decision.status()).isEqualTo(403);
    assertThat(decision.caller().groupLookupFailed()).isTrue();
  }
}
