package dev.invokerguard;

import static dev.invokerguard.FakeVerifier.ALICE;
import static dev.invokerguard.FakeVerifier.BAD_SIGNATURE;
import static dev.invokerguard.FakeVerifier.BOB;
import static dev.invokerguard.FakeVerifier.EXPIRED;
import static dev.invokerguard.FakeVerifier.FLAKY;
import static dev.invokerguard.FakeVerifier.KEYS_DOWN;
import static dev.invokerguard.FakeVerifier.NO_EMAIL;
import static dev.invokerguard.FakeVerifier.SERVICE_ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.invokerguard.request.AccessRequest;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** DESIGN.md "Semantics to keep": every status a request can get, and the principal it is decided for. */
class InvokerGuardStatusTest {
  private static final InvokerGuard GUARD = Guards.standard();

  static Stream<Arguments> requests() {
    return Stream.of(
        Arguments.of("anonymous on public path", null, "/public/a", 200, DecisionReason.GRANTED, "allUsers"),
        Arguments.of("anonymous elsewhere", null, "/private", 401, DecisionReason.NO_CREDENTIALS, "allUsers"),
        Arguments.of("rejected token elsewhere", EXPIRED, "/private", 401, DecisionReason.TOKEN_REJECTED,
            "allUsers"),
        Arguments.of("rejected token on public path", BAD_SIGNATURE, "/public/a", 200, DecisionReason.GRANTED,
            "allUsers"),
        Arguments.of("keys unavailable elsewhere", KEYS_DOWN, "/private", 503, DecisionReason.KEYS_UNAVAILABLE,
            "allUsers"),
        Arguments.of("keys unavailable on public path", KEYS_DOWN, "/public/a", 200, DecisionReason.GRANTED,
            "allUsers"),
        Arguments.of("granted user", ALICE, "/private", 200, DecisionReason.GRANTED, "user:alice@example.com"),
        Arguments.of("granted service account", SERVICE_ACCOUNT, "/private", 200, DecisionReason.GRANTED,
            "serviceAccount:caller@my-project.iam.gserviceaccount.com"),
        Arguments.of("authenticated without grant", BOB, "/private", 403, DecisionReason.NO_BINDING,
            "user:bob@example.com"),
        Arguments.of("allAuthenticatedUsers path", BOB, "/internal/x", 200, DecisionReason.GRANTED,
            "user:bob@example.com"),
        Arguments.of("token without email", NO_EMAIL, "/private", 403, DecisionReason.NO_BINDING,
            "allAuthenticatedUsers"),
        Arguments.of("token without email, open path", NO_EMAIL, "/internal/x", 200, DecisionReason.GRANTED,
            "allAuthenticatedUsers"),
        Arguments.of("deny rule beats grant", ALICE, "/admin/x", 403, DecisionReason.DENIED_BY_RULE,
            "user:alice@example.com"),
        Arguments.of("deny rule on anonymous", null, "/admin/x", 401, DecisionReason.NO_CREDENTIALS, "allUsers"),
        Arguments.of("condition error never grants", FLAKY, "/private", 403, DecisionReason.NO_BINDING,
            "user:flaky@example.com"),
        Arguments.of("path firewall", ALICE, "/a%2Fb", 400, DecisionReason.PATH_REJECTED, "allUsers"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("requests")
  void checkWhenRequestThenStatusReasonAndPrincipal(String name, String token, String path, int status,
      DecisionReason reason, String principal) {
    AccessRequest request = token == null ? Guards.get(path).build() : Guards.bearer(path, token);

    Decision decision = GUARD.check(request);

    assertThat(decision.status()).as(decision.explain()).isEqualTo(status);
    assertThat(decision.reason()).isEqualTo(reason);
    assertThat(decision.principal()).isEqualTo(principal);
    assertThat(decision.allowed()).isEqualTo(status == 200);
  }

  @Test
  void checkWhenGrantedThenDecisionNamesTheBinding() {
    Decision decision = GUARD.check(Guards.bearer("/private", ALICE));

    assertThat(decision.grantedBy()).hasToString(
        "SERVICE guard-policy.json bindings[1] roles/run.invoker user:alice@example.com");
    assertThat(decision.token().email()).isEqualTo("alice@example.com");
    assertThat(decision.explain()).contains("ALLOW 200 GRANTED", "granted by: SERVICE guard-policy.json");
  }

  @Test
  void checkWhenRejectedTokenOnPublicPathThenAllowedWithTokenErrorKept() {
    Decision decision = GUARD.check(Guards.bearer("/public/a", EXPIRED));

    assertThat(decision.tokenError()).isEqualTo(dev.invokerguard.token.TokenError.EXPIRED);
    assertThat(decision.grantedBy().conditionTitle()).isEqualTo("public paths");
  }

  @Test
  void checkWhenDeniedByRuleThenDecisionNamesTheRule() {
    Decision decision = GUARD.check(Guards.bearer("/admin/x", ALICE));

    assertThat(decision.deniedBy().ruleIndex()).isEqualTo(2);
    assertThat(decision.explain()).contains("denied by: deny-policy.json rules[2]");
  }

  @Test
  void checkWhenNoBindingThenExplainSaysNoBinding() {
    assertThat(GUARD.check(Guards.bearer("/private", BOB)).explain())
        .contains("DENY 403 NO_BINDING", "no binding grants the permission");
  }

  @Test
  void checkWhenTokenHasNoEmailAndDeniedThenDetailSaysHowToMintOne() {
    Decision decision = GUARD.check(Guards.bearer("/private", NO_EMAIL));

    assertThat(decision.detail()).contains("--include-email", "format=full");
    assertThat(GUARD.check(Guards.bearer("/private", BOB)).detail()).doesNotContain("format=full");
  }

  @Test
  void checkWhenConditionFailsThenNoteNamesItsTitle() {
    assertThat(GUARD.check(Guards.bearer("/private", FLAKY)).notes())
        .singleElement().asString().contains("\"flaky\"");
  }

  @Test
  void checkWhenHostHasPortAndCaseThenConditionSeesNormalisedHost() {
    InvokerGuard guard = Guards.builder().groupResolver(c -> java.util.Set.of("admins@example.com")).build();
    AccessRequest request = AccessRequest.builder("GET", "ADMIN.example.com:443", "/x")
        .header("Authorization", "Bearer " + BOB).build();

    Decision decision = guard.check(request);

    assertThat(decision.status()).isEqualTo(200);
    assertThat(decision.host()).isEqualTo("admin.example.com");
    assertThat(decision.grantedBy().member()).isEqualTo("group:admins@example.com");
  }
}
