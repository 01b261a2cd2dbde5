package dev.invokerguard.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invokerguard.testing.TestIssuer;
import dev.invokerguard.testing.WithTestIssuer;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Identity Platform tenants ({@code firebase.tenant}) are checked with the claims, before any caching. */
@WithTestIssuer
class GoogleIdTokenVerifierTenantsTest {
  private static final String PROJECT = VerifierFixtures.FIREBASE_PROJECT;

  private final TestIssuer issuer;

  GoogleIdTokenVerifierTenantsTest(TestIssuer issuer) {
    this.issuer = issuer;
  }

  private GoogleIdTokenVerifier verifier(FirebaseTenants tenants) {
    return GoogleIdTokenVerifier.builder().clock(Clock.systemUTC())
        .family(TokenFamily.firebase(PROJECT).withKeySetUri(issuer.firebaseCertsUri()).withTenants(tenants))
        .build();
  }

  private String token(String tenant) {
    return issuer.firebase(PROJECT, "uid-1").claim("firebase", Map.of("identities", Map.of(),
        "sign_in_provider", "password", "tenant", tenant)).sign();
  }

  private String projectToken() {
    return issuer.firebase(PROJECT, "uid-1").sign();
  }

  @Test
  void verifyWhenTenantsUnsetAndTokenOfATenantThenTenantNotAllowed() {
    try (GoogleIdTokenVerifier verifier = verifier(FirebaseTenants.PROJECT_ONLY)) {
      TokenVerification result = verifier.verify(token("tenant-a1"));

      assertThat(result.error()).isEqualTo(TokenError.TENANT_NOT_ALLOWED);
      assertThat(TokenError.TENANT_NOT_ALLOWED.rfc6750Code()).isEqualTo("invalid_token");
      assertThat(verifier.verify(projectToken()).isVerified()).isTrue();
    }
  }

  @Test
  void verifyWhenTenantListedThenVerifiedWithItsTenant() {
    try (GoogleIdTokenVerifier verifier = verifier(FirebaseTenants.parse(List.of("tenant-a1")))) {
      TokenVerification result = verifier.verify(token("tenant-a1"));

      assertThat(result.error()).isNull();
      assertThat(result.token().claims().get("firebase")).isEqualTo(Map.of("sign_in_provider", "password",
          "tenant", "tenant-a1"));
    }
  }

  @Test
  void verifyWhenOtherTenantThenTenantNotAllowedAndNeverCached() {
    try (GoogleIdTokenVerifier verifier = verifier(FirebaseTenants.parse(List.of("tenant-a1")))) {
      String other = token("tenant-b2");

      assertThat(verifier.verify(other).error()).isEqualTo(TokenError.TENANT_NOT_ALLOWED);
      assertThat(verifier.verify(other).error()).isEqualTo(TokenError.TENANT_NOT_ALLOWED);
      assertThat(verifier.tokenCacheStats().entries()).isZero();
    }
  }

  @Test
  void verifyWhenOnlyTenantsListedThenProjectLevelTokenRefused() {
    try (GoogleIdTokenVerifier verifier = verifier(FirebaseTenants.parse(List.of("tenant-a1")))) {
      assertThat(verifier.verify(projectToken()).error()).isEqualTo(TokenError.TENANT_NOT_ALLOWED);
    }
  }

  @Test
  void verifyWhenProjectWordListedThenProjectLevelTokenAndTenantVerified() {
    try (GoogleIdTokenVerifier verifier = verifier(FirebaseTenants.parse(List.of("project", "tenant-a1")))) {
      assertThat(verifier.verify(projectToken()).isVerified()).isTrue();
      assertThat(verifier.verify(token("tenant-a1")).isVerified()).isTrue();
      assertThat(verifier.verify(token("tenant-b2")).error()).isEqualTo(TokenError.TENANT_NOT_ALLOWED);
    }
  }

  @Test
  void verifyWhenTenantClaimIsNotAStringThenTenantNotAllowed() {
    try (GoogleIdTokenVerifier verifier = verifier(FirebaseTenants.parse(List.of("project")))) {
      String token = issuer.firebase(PROJECT, "uid-1").claim("firebase", Map.of("tenant", List.of("tenant-a1")))
          .sign();

      assertThat(verifier.verify(token).error()).isEqualTo(TokenError.TENANT_NOT_ALLOWED);
    }
  }
}
