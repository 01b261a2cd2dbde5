package dev.invokerguard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invokerguard.identity.Callers;
import dev.invokerguard.policy.GrantedBy;
import dev.invokerguard.policy.PolicyLayer;
import dev.invokerguard.policy.PolicyOutcome;
import dev.invokerguard.policy.RequestAttributes;
import dev.invokerguard.request.AccessRequest;
import dev.invokerguard.request.Credential;
import dev.invokerguard.token.TokenError;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every decision by name: status, challenge, Retry-After and detail come from one place. */
class DecisionsTest {
  private static final Decisions DECISIONS = new Decisions("svc", Duration.ofSeconds(7), 4096);
  private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
  private static final RequestAttributes AT = new RequestAttributes("svc.example.com", "/private", NOW);
  private static final PolicyOutcome NO_BINDING = new PolicyOutcome(PolicyOutcome.Reason.NO_BINDING, null, null,
      List.of());

  @ParameterizedTest
  @EnumSource(TokenError.class)
  void judgedWhenTokenRejectedThenChallengeCarriesItsRfc6750Code(TokenError error) {
    Decision decision = DECISIONS.judged("GET", AT, DECISIONS.rejectedToken(error), NO_BINDING, null);

    if (error.rfc6750Code() == null) {
      assertThat(decision.reason()).isEqualTo(DecisionReason.KEYS_UNAVAILABLE);
      assertThat(decision.wwwAuthenticate()).isNull();
      assertThat(decision.retryAfter()).isEqualTo(Duration.ofSeconds(7));
    } else {
      assertThat(decision.reason()).isEqualTo(DecisionReason.TOKEN_REJECTED);
      assertThat(decision.wwwAuthenticate()).isEqualTo("Bearer realm=\"svc\", error=\"" + error.rfc6750Code() + "\"");
      assertThat(decision.retryAfter()).isNull();
    }
    assertThat(decision.tokenError()).isEqualTo(error);
    assertThat(decision.detail()).isNotBlank();
  }

  @Test
  void judgedWhenRejectedTokenButPathOpenThenGrantedKeepingTheError() {
    PolicyOutcome open = new PolicyOutcome(PolicyOutcome.Reason.GRANTED,
        new GrantedBy(PolicyLayer.SERVICE, "p.json", 0, "roles/run.invoker", "allUsers", null), null, List.of());

    Decision decision = DECISIONS.judged("GET", AT, DECISIONS.rejectedToken(TokenError.EXPIRED), open, null);

    assertThat(decision.reason()).isEqualTo(DecisionReason.GRANTED);
    assertThat(decision.refusal()).isNull();
    assertThat(decision.tokenError()).isEqualTo(TokenError.EXPIRED);
  }

  @Test
  void judgedWhenNoTokenThen401WithoutErrorAttribute() {
    Decision decision = DECISIONS.judged("GET", AT, Decisions.ANONYMOUS, NO_BINDING, null);

    assertThat(decision.reason()).isEqualTo(DecisionReason.NO_CREDENTIALS);
    assertThat(decision.wwwAuthenticate()).isEqualTo("Bearer realm=\"svc\"");
  }

  @Test
  void judgedWhenIdentifiedCallerNotGrantedThen403WithoutChallenge() {
    Decision.Authentication bob = Decisions.given(Callers.fromMembers(List.of("user:bob@example.com")));

    Decision decision = DECISIONS.judged("GET", AT, bob, NO_BINDING, null);


    assertThat(decision.status()).isEqualTo(403);
    assertThat(decision.wwwAuthenticate()).isNull();
    assertThat(decision.detail()).isEqualTo(
        "user:bob@example.com is not granted access to this path by the service's IAM policy.");
  }

  @Test
  void credentialsRefusedWhenEachProblemThen400InvalidRequestNamingTheHeader() {
    for (Credential.Problem problem : Credential.Problem.values()) {
      Decision decision = DECISIONS.credentialsRefused("GET", AT, "X-Serverless-Authorization", problem);

      assertThat(decision.status()).as(problem.name()).isEqualTo(400);
      assertThat(decision.reason()).isEqualTo(problem == Credential.Problem.TOO_LARGE
          ? DecisionReason.HEADER_TOO_LARGE : DecisionReason.AMBIGUOUS_CREDENTIALS);
      assertThat(decision.wwwAuthenticate()).isEqualTo("Bearer realm=\"svc\", error=\"invalid_request\"");
      assertThat(decision.detail()).startsWith("The X-Serverless-Authorization header ");
    }
    assertThat(DECISIONS.credentialsRefused("GET", AT, "Authorization", Credential.Problem.TOO_LARGE).detail())
        .isEqualTo("The Authorization header is longer than 4096 characters.");
  }

  @Test
  void pathRejectedWhenRefusedThenRequestAsSentAndTimeKept() {
    Decision decision = DECISIONS.pathRejected(AccessRequest.builder("GET", "svc", "/a%2Fb").build(),
        "encoded slash", NOW);

    assertThat(decision.status()).isEqualTo(400);
    assertThat(decision.path()).isEqualTo("/a%2Fb");
    assertThat(decision.time()).isEqualTo(NOW);
    assertThat(decision.request()).isEqualTo(new Decision.Request("GET", "svc", "/a%2Fb", NOW));
    assertThat(decision.policyOutcome()).isNull();
    assertThat(decision.detail()).isEqualTo("The request target is ambiguous or malformed: encoded slash");
  }

  @Test
  void asShadowedWhenDenialThenPassesKeepingTheRefusalAndWhenAllowedThenUnchanged() {
    Decision denied = DECISIONS.policyUnavailable("GET", AT);
    Decision preflight = DECISIONS.preflight("GET", AT);

    assertThat(denied.asShadowed().asShadowed()).isEqualTo(denied.asShadowed()).isNotEqualTo(denied);
    assertThat(denied.asShadowed().status()).isEqualTo(200);
    assertThat(denied.asShadowed().refusal()).isEqualTo(denied.refusal());
    assertThat(preflight.asShadowed()).isSameAs(preflight);
  }

  @Test
  void decisionWhenAllowedWithRefusalThenRefused() {
    assertThatThrownBy(() -> new Decision(DecisionReason.GRANTED, "GET", AT, Decisions.ANONYMOUS, null,
        new Decision.Refusal("no", null, null), List.of(), false)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Decision(DecisionReason.NO_BINDING, "GET", AT, Decisions.ANONYMOUS, NO_BINDING, null,
        List.of(), false)).isInstanceOf(IllegalArgumentException.class);
  }
}
