package dev.invokerguard;

import static dev.invokerguard.FakeVerifier.ALICE;
import static dev.invokerguard.FakeVerifier.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.invokerguard.request.AccessRequest;
import dev.invokerguard.testing.TestIssuer;
import dev.invokerguard.token.GoogleIdTokenVerifier;
import dev.invokerguard.token.TokenError;
import dev.invokerguard.token.TokenFamily;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which header carries the token, and which credential headers are refused with 400. */
class InvokerGuardCredentialsTest {
  private static final InvokerGuard GUARD = Guards.standard();

  static Stream<Arguments> headers() {
    return Stream.of(
        Arguments.of("serverless header wins over Authorization",
            Guards.get("/private").header("X-Serverless-Authorization", "Bearer " + ALICE)
                .header("Authorization", "Bearer " + BOB), 200, "user:alice@example.com"),
        Arguments.of("app's Basic Authorization ignored beside serverless header",
            Guards.get("/private").header("X-Serverless-Authorization", "Bearer " + ALICE)
                .header("Authorization", "Basic dXNlcjpwYXNz"), 200, "user:alice@example.com"),
        Arguments.of("Basic Authorization alone is no token",
            Guards.get("/private").header("Authorization", "Basic dXNlcjpwYXNz"), 401, "allUsers"),
        Arguments.of("scheme is case-insensitive",
            Guards.get("/private").header("Authorization", "bEaReR " + ALICE), 200, "user:alice@example.com"),
        Arguments.of("header name is case-insensitive",
            Guards.get("/private").header("x-serverless-authorization", "Bearer " + ALICE), 200,
            "user:alice@example.com"),
        Arguments.of("two serverless headers",
            Guards.get("/private").header("X-Serverless-Authorization", "Bearer " + ALICE)
                .header("X-Serverless-Authorization", "Bearer " + BOB), 400, "allUsers"),
        Arguments.of("two Authorization headers",
            Guards.get("/private").header("Authorization", "Bearer " + ALICE)
                .header("Authorization", "Bearer " + BOB), 400, "allUsers"),
        Arguments.of("two tokens in one header",
            Guards.get("/private").header("Authorization", "Bearer " + ALICE + ", Bearer " + BOB), 400,
            "allUsers"),
        Arguments.of("serverless header without Bearer",
            Guards.get("/private").header("X-Serverless-Authorization", ALICE), 400, "allUsers"),
        Arguments.of("Bearer without token is a rejected token",
            Guards.get("/private").header("Authorization", "Bearer "), 401, "allUsers"),
        Arguments.of("Bearer without token on a public path is served",
            Guards.get("/public/a").header("Authorization", "Bearer "), 200, "allUsers"),
        Arguments.of("serverless header Bearer without token is a rejected token",
            Guards.get("/private").header("X-Serverless-Authorization", "Bearer"), 401, "allUsers"),
        Arguments.of("serverless header Bearer without token on a public path is served",
            Guards.get("/public/a").header("X-Serverless-Authorization", "Bearer \t "), 200, "allUsers"),
        Arguments.of("IAP assertion ignored by default",
            Guards.get("/private").header("x-goog-iap-jwt-assertion", FakeVerifier.IAP), 401, "allUsers"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("headers")
  void checkWhenCredentialHeadersThenStatusAndPrincipal(String name, AccessRequest.Builder request, int status,
      String principal) {
    Decision decision = GUARD.check(request.build());

    assertThat(decision.status()).as(decision.explain()).isEqualTo(status);
    assertThat(decision.principal()).isEqualTo(principal);
  }

  @Test
  void checkWhenTwoTokensThenAmbiguousCredentialsWithInvalidRequestChallenge() {
    Decision decision = GUARD.check(Guards.get("/private").header("Authorization", "Bearer " + ALICE)
        .header("authorization", "Bearer " + BOB).build());

    assertThat(decision.reason()).isEqualTo(DecisionReason.AMBIGUOUS_CREDENTIALS);
    assertThat(decision.wwwAuthenticate()).isEqualTo("Bearer realm=\"invokerguard\", error=\"invalid_request\"");
    assertThat(decision.detail()).doesNotContain(ALICE, BOB);
  }

  @Test
  void checkWhenBearerTokenEmptyThenRejectedAsInvalidTokenSayingItIsEmpty() {
    for (String header : List.of("Authorization", "X-Serverless-Authorization")) {
      Decision decision = GUARD.check(Guards.get("/private").header(header, "Bearer   ").build());

      assertThat(decision.reason()).as(header).isEqualTo(DecisionReason.TOKEN_REJECTED);
      assertThat(decision.tokenError()).isEqualTo(TokenError.MALFORMED);
      assertThat(decision.wwwAuthenticate()).isEqualTo("Bearer realm=\"invokerguard\", error=\"invalid_token\"");
      assertThat(decision.detail()).isEqualTo("The token in the " + header + " header is empty.");
    }
  }

  @Test
  void checkWhenBearerTokenEmptyOnPublicPathThenAllowedWithTokenErrorKept() {
    Decision decision = GUARD.check(Guards.get("/public/a").header("Authorization", "Bearer").build());

    assertThat(decision.reason()).isEqualTo(DecisionReason.GRANTED);
    assertThat(decision.tokenError()).isEqualTo(TokenError.MALFORMED);
  }

  @Test
  void checkWhenIapAssertionEmptyThenRejectedToken() {
    InvokerGuard guard = Guards.builder().acceptIapAssertion(true).build();

    Decision decision = guard.check(Guards.get("/private").header("x-goog-iap-jwt-assertion", " ").build());

    assertThat(decision.reason()).isEqualTo(DecisionReason.TOKEN_REJECTED);
    assertThat(decision.detail()).contains("x-goog-iap-jwt-assertion header is empty");
  }

  @Test
  void checkWhenHeaderLongerThanLimitThenHeaderTooLarge() {
    InvokerGuard guard = Guards.builder().maxCredentialHeaderLength(2048).build();
    String longToken = "a".repeat(2100);

    Decision tooLong = guard.check(Guards.bearer("/public/a", longToken));
    Decision underLimit = guard.check(Guards.bearer("/public/a", "a".repeat(2000)));

    assertThat(tooLong.reason()).isEqualTo(DecisionReason.HEADER_TOO_LARGE);
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(underLimit.status()).isEqualTo(200);
  }

  @Test
  void checkWhenDefaultLimitThenSixteenKibHeaderPassesAndLongerIsRefused() {
    String atLimit = "Bearer " + "a".repeat(16 * 1024 - 7);

    assertThat(GUARD.check(Guards.get("/public/a").header("Authorization", atLimit).build()).status())
        .isEqualTo(200);
    assertThat(GUARD.check(Guards.get("/public/a").header("Authorization", atLimit + "a").build()).reason())
        .isEqualTo(DecisionReason.HEADER_TOO_LARGE);
  }

  @Test
  void checkWhenIapAssertionAcceptedThenCallerFromAssertion() {
    InvokerGuard guard = Guards.builder().acceptIapAssertion(true).build();

    Decision decision = guard.check(Guards.get("/private")
        .header("x-goog-iap-jwt-assertion", FakeVerifier.IAP).build());

    assertThat(decision.status()).isEqualTo(200);
    assertThat(decision.principal()).isEqualTo("user:alice@example.com");
  }

  @Test
  void checkWhenSignatureRemovedByGoogleThenDetailPointsToServerlessHeader() {
    Decision decision = GUARD.check(Guards.bearer("/private", FakeVerifier.STRIPPED));

    assertThat(decision.status()).isEqualTo(401);
    assertThat(decision.detail()).contains("X-Serverless-Authorization");
  }

  @Test
  void checkWhenManyCallersWithLongEmailsThenCallerCacheStaysWithinItsWeight() {
    List<Decision> decisions = new ArrayList<>();
    try (TestIssuer issuer = TestIssuer.start();
        GoogleIdTokenVerifier verifier = GoogleIdTokenVerifier.builder()
            .family(TokenFamily.google(List.of("https://svc.example.com")).withKeySetUri(issuer.jwksUri()))
            .build()) {
      InvokerGuard guard = Guards.builder().verifier(verifier).build();
      for (int i = 0; i < 300; i++) {
        String email = "u" + i + "-" + "x".repeat(10 * 1024) + "@example.com";
        Decision decision = guard.check(Guards.bearer("/private",
            issuer.user(email).audience("https://svc.example.com").sign()));
        assertThat(decision.status()).isEqualTo(403);
        assertThat(decision.principal()).isEqualTo("user:" + email);
        decisions.add(decision);
      }

      assertThat(guard.callerCacheWeight())
          .isLessThanOrEqualTo((long) InvokerGuard.CALLER_CACHE_ENTRIES * InvokerGuard.CALLER_WEIGHT);
    }
    assertThat(decisions).allSatisfy(d -> assertThat(d.token()).isNotNull());
  }
}
