package dev.invokerguard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invokerguard.identity.GroupResolver;
import dev.invokerguard.identity.StaticGroupResolver;
import dev.invokerguard.policy.DeniedBy;
import dev.invokerguard.policy.GrantedBy;
import dev.invokerguard.policy.PolicyLayer;
import dev.invokerguard.policy.PolicyTrace;
import dev.invokerguard.policy.TestPolicies;
import dev.invokerguard.request.AccessRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code check} and {@code explain} agree for every combination of fixture policy, group resolver, caller,
 * host, path and time: the same decision, and a trace whose only applying binding is the one that granted
 * and whose only applying deny rule is the one that denied.
 */
class CheckExplainAgreementTest {
  private static final GroupResolver NO_GROUPS = GroupResolver.NONE;
  private static final GroupResolver STATIC_GROUPS = StaticGroupResolver.of(Map.of(
      "admins@example.com", List.of("user:bob@example.com", "user:root@example.com"),
      "contractors@example.com", List.of("user:alice@example.com")));
  private static final GroupResolver FAILING_GROUPS = caller -> {
    throw new IllegalStateException("directory down");
  };

  /** The token of each caller: none, verified ones, rejected ones, keys down, empty. */
  private static final List<String> TOKENS = java.util.Arrays.asList(null, FakeVerifier.ALICE, FakeVerifier.BOB,
      FakeVerifier.SERVICE_ACCOUNT, FakeVerifier.NO_EMAIL, FakeVerifier.FLAKY, FakeVerifier.ADMIN,
      FakeVerifier.EXPIRED, FakeVerifier.KEYS_DOWN, "");
  private static final List<String> HOSTS = List.of("svc.example.com", "admin.example.com", "Other.Example.COM:8443");
  private static final List<String> PATHS = List.of("/public/a", "/private", "/private/x", "/internal/x",
      "/admin/x", "/reports/q.csv", "/a%2Fb");
  private static final List<Instant> TIMES = List.of(Instant.parse("2025-06-01T03:00:00Z"),
      Instant.parse("2025-06-02T12:00:00Z"), Instant.parse("2026-03-01T20:00:00Z"));

  private static final Map<DecisionReason, Integer> REASONS = new EnumMap<>(DecisionReason.class);
  private static int deniedByRuleWithGroupsUnknown;

  @BeforeAll
  static void clearCounts() {
    REASONS.clear();
    deniedByRuleWithGroupsUnknown = 0;
  }

  @AfterAll
  static void everyOutcomeWasReached() {
    assertThat(REASONS.keySet()).as("the combinations reach every policy-consulting outcome").contains(
        DecisionReason.GRANTED, DecisionReason.NO_BINDING, DecisionReason.DENIED_BY_RULE,
        DecisionReason.NO_CREDENTIALS, DecisionReason.TOKEN_REJECTED, DecisionReason.KEYS_UNAVAILABLE,
        DecisionReason.PATH_REJECTED);
    assertThat(deniedByRuleWithGroupsUnknown).as("a deny rule decided for a caller whose groups are unknown")
        .isPositive();
  }

  static Stream<Arguments> fixtures() {
    List<Arguments> all = new ArrayList<>();
    for (String fixture : List.of("guard", "agreement")) {
      all.add(Arguments.of(fixture, "no groups", NO_GROUPS));
      all.add(Arguments.of(fixture, "static groups", STATIC_GROUPS));
      all.add(Arguments.of(fixture, "failing groups", FAILING_GROUPS));
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0} policy, {1}")
  @MethodSource("fixtures")
  void checkAndExplainWhenEveryCombinationThenSameDecisionAndTraceNamesWhatDecided(String fixture,
      String resolverName, GroupResolver resolver) {
    for (Instant time : TIMES) {
      InvokerGuard guard = guard(fixture, resolver, Clock.fixed(time, ZoneOffset.UTC));
      for (String token : TOKENS) {
        for (String host : HOSTS) {
          for (String path : PATHS) {
            AccessRequest.Builder request = AccessRequest.builder("GET", host, path);
            if (token != null) {
              request.header("Authorization", "Bearer " + token);
            }
            agree(guard, request.build(), time,
                fixture + ", " + resolverName + ", token " + token + ", " + host + path + " at " + time);
          }
        }
      }
    }
  }

  private static void agree(InvokerGuard guard, AccessRequest request, Instant time, String what) {
    Decision checked = guard.check(request);
    Explanation explained = guard.explain(request);
    Decision decision = explained.decision();

    assertThat(decision).as(what).isEqualTo(checked);
    assertThat(decision.time()).as(what).isEqualTo(time);
    assertThat(explained.time()).as(what).isEqualTo(time);
    PolicyTrace trace = explained.trace();
    assertThat(trace == null).as(what + ": a trace exactly when the policy was consulted")
        .isEqualTo(decision.policyOutcome() == null);
    REASONS.merge(decision.reason(), 1, Integer::sum);
    if (trace == null) {
      return;
    }
    List<PolicyTrace.BindingStep> granting = trace.bindings().stream().filter(PolicyTrace.BindingStep::applies)
        .toList();
    List<PolicyTrace.DenyRuleStep> denying = trace.denyRules().stream().filter(PolicyTrace.DenyRuleStep::applies)
        .toList();
    GrantedBy grantedBy = decision.grantedBy();
    DeniedBy deniedBy = decision.deniedBy();
    String text = what + "\n" + explained.text();
    if (grantedBy == null) {
      assertThat(granting).as(text).isEmpty();
    } else {
      assertThat(granting).as(text).singleElement().satisfies(step -> {
        assertThat(step.layer()).isEqualTo(grantedBy.layer());
        assertThat(step.source()).isEqualTo(grantedBy.source());
        assertThat(step.index()).isEqualTo(grantedBy.bindingIndex());
        assertThat(step.matchedMembers()).contains(grantedBy.member());
      });
    }
    if (deniedBy == null) {
      assertThat(denying).as(text).isEmpty();
    } else {
      assertThat(denying).as(text).singleElement().satisfies(step -> {
        assertThat(step.source()).isEqualTo(deniedBy.source());
        assertThat(step.index()).isEqualTo(deniedBy.ruleIndex());
      });
      if (decision.caller().groupLookupFailed()) {
        deniedByRuleWithGroupsUnknown++;
      }
    }
  }

  private static InvokerGuard guard(String fixture, GroupResolver resolver, Clock clock) {
    InvokerGuardBuilder builder = InvokerGuard.builder().verifier(new FakeVerifier()).clock(clock)
        .groupResolver(resolver);
    if (fixture.equals("guard")) {
      return builder.allowPolicy(TestPolicies.resource("guard-policy.json"), PolicyLayer.SERVICE)
          .denyPolicy(TestPolicies.resource("deny-policy.json")).build();
    }
    return builder.allowPolicy(TestPolicies.resource("agreement-project.json"), PolicyLayer.PROJECT)
        .allowPolicy(TestPolicies.resource("agreement-service.json"), PolicyLayer.SERVICE)
        .denyPolicy(TestPolicies.resource("agreement-deny.json")).build();
  }
}
