package dev.invokerguard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invokerguard.policy.PolicyLayer;
import dev.invokerguard.policy.PolicyText;
import dev.invokerguard.request.AccessRequest;
import dev.invokerguard.testing.TestIssuer;
import dev.invokerguard.token.GoogleIdTokenVerifier;
import dev.invokerguard.token.TokenError;
import dev.invokerguard.token.TokenFamily;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Shadow mode behind Cloud Run's own check: a token whose signature Cloud Run removed is read as the identity
 * Cloud Run verified, and the decision is recorded as an agreement or a disagreement. Enforce mode never
 * trusts such a token.
 */
class InvokerGuardCloudRunComparisonTest {
  private static final String AUDIENCE = "https://hello-123456789012.europe-west1.run.app";
  private static TestIssuer issuer;
  private GoogleIdTokenVerifier verifier;

  @BeforeAll
  static void startIssuer() {
    issuer = TestIssuer.start();
  }

  @AfterAll
  static void stopIssuer() {
    issuer.close();
  }

  @AfterEach
  void closeVerifier() {
    if (verifier != null) {
      verifier.close();
    }
  }

  private InvokerGuard guard(EnforcementMode mode, boolean compare) {
    verifier = GoogleIdTokenVerifier.builder()
        .family(TokenFamily.google(List.of(AUDIENCE)).withKeySetUri(issuer.jwksUri())).build();
    return InvokerGuard.builder().verifier(verifier).mode(mode).compareWithCloudRun(compare)
        .allowPolicy(PolicyText.json("policy.json", """
            {"bindings": [{"role": "roles/run.invoker", "members": ["user:alice@example.com"]},
              {"role": "roles/run.invoker", "members": ["allUsers"],
               "condition": {"title": "public", "expression": "request.path.startsWith('/public/')"}}]}"""),
            PolicyLayer.SERVICE).build();
  }

  /** What reaches the application behind Cloud Run's check: the token with its signature replaced. */
  private static String stripped(String token) {
    return token.substring(0, token.lastIndexOf('.') + 1) + "SIGNATURE_REMOVED_BY_GOOGLE";
  }

  private static AccessRequest request(String path, String token) {
    return AccessRequest.builder("GET", "hello.example", path).header("Authorization", "Bearer " + token).build();
  }

  @Test
  void checkWhenShadowOnCloudRunAndGrantedCallerThenAgreementWithTheIdentityCloudRunVerified() {
    InvokerGuard guard = guard(EnforcementMode.SHADOW, true);

    Decision decision = guard.check(request("/x", stripped(issuer.user("alice@example.com").audience(AUDIENCE).sign())));

    assertThat(decision.allowed()).isTrue();
    assertThat(decision.shadowed()).isFalse();
    assertThat(decision.principal()).isEqualTo("user:alice@example.com");
    assertThat(guard.cloudRunComparison()).contains(new CloudRunComparison(1, 0));
  }

  @Test
  void checkWhenShadowOnCloudRunAndCallerWithoutGrantThenDisagreementCountedAndShadowed() {
    InvokerGuard guard = guard(EnforcementMode.SHADOW, true);

    Decision decision = guard.check(request("/x", stripped(issuer.user("bob@example.com").audience(AUDIENCE).sign())));

    assertThat(decision.shadowed()).isTrue();
    assertThat(decision.enforcedStatus()).isEqualTo(403);
    assertThat(decision.principal()).isEqualTo("user:bob@example.com");
    assertThat(guard.cloudRunComparison()).contains(new CloudRunComparison(0, 1));
  }

  @Test
  void checkWhenStrippedTokenForAnotherAudienceOrExpiredThenClaimsStillCheckedAndDisagreement() {
    InvokerGuard guard = guard(EnforcementMode.SHADOW, true);
    Instant now = Instant.now();

    Decision otherAudience = guard.check(request("/x",
        stripped(issuer.user("alice@example.com").audience("https://other.example").sign())));
    Decision expired = guard.check(request("/x", stripped(issuer.user("alice@example.com").audience(AUDIENCE)
        .issuedAt(now.minus(Duration.ofHours(3))).expiresAt(now.minus(Duration.ofHours(2))).sign())));

    assertThat(otherAudience.tokenError()).isEqualTo(TokenError.INVALID_AUDIENCE);
    assertThat(expired.tokenError()).isEqualTo(TokenError.EXPIRED);
    assertThat(otherAudience.enforcedStatus()).isEqualTo(401);
    assertThat(guard.cloudRunComparison()).contains(new CloudRunComparison(0, 2));
  }

  @Test
  void checkWhenEnforceModeThenStrippedSignatureNeverTrusted() {
    InvokerGuard guard = guard(EnforcementMode.ENFORCE, true);

    Decision decision = guard.check(request("/x", stripped(issuer.user("alice@example.com").audience(AUDIENCE).sign())));

    assertThat(decision.allowed()).isFalse();
    assertThat(decision.status()).isEqualTo(401);
    assertThat(decision.tokenError()).isEqualTo(TokenError.SIGNATURE_REMOVED_BY_GOOGLE);
    assertThat(guard.cloudRunComparison()).isEmpty();
  }

  @Test
  void checkWhenShadowOffCloudRunThenStrippedTokenIsAShadowed401AndNothingCompared() {
    InvokerGuard guard = guard(EnforcementMode.SHADOW, false);

    Decision decision = guard.check(request("/x", stripped(issuer.user("alice@example.com").audience(AUDIENCE).sign())));

    assertThat(decision.shadowed()).isTrue();
    assertThat(decision.enforcedStatus()).isEqualTo(401);
    assertThat(guard.cloudRunComparison()).isEmpty();
  }

  @Test
  void checkWhenShadowOnCloudRunAndIntactTokenThenVerifiedAsAlwaysAndNotCompared() {
    InvokerGuard guard = guard(EnforcementMode.SHADOW, true);

    Decision decision = guard.check(request("/x", issuer.user("alice@example.com").audience(AUDIENCE).sign()));
    Decision forged = guard.check(request("/x", issuer.user("alice@example.com").audience(AUDIENCE).sign()
        .replaceAll("\\.[^.]+$", ".AAAA")));

    assertThat(decision.allowed()).isTrue();
    assertThat(forged.enforcedStatus()).isEqualTo(401);
    assertThat(guard.cloudRunComparison()).contains(new CloudRunComparison(0, 0));
  }
}
