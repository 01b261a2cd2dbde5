package dev.invokerguard.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invokerguard.ConfigurationErrorCode;
import dev.invokerguard.Decision;
import dev.invokerguard.InvokerGuardConfigurationException;
import dev.invokerguard.request.AccessRequest;
import dev.invokerguard.testing.TestIssuer;
import dev.invokerguard.testing.TokenBuilder;
import dev.invokerguard.token.TokenError;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Identity Platform tenants and anonymous Firebase sign-ins, from settings to decisions: real tokens from a
 * local issuer, a real policy with {@code firebaseTenantUser:}, {@code firebaseTenant:} and {@code firebase:}
 * members under path conditions.
 */
class GuardRuntimeFirebaseTest {
  private static final String PROJECT = "demo-project";
  private static TestIssuer issuer;

  @BeforeAll
  static void startIssuer() {
    issuer = TestIssuer.start();
  }

  @AfterAll
  static void stopIssuer() {
    issuer.close();
  }

  private static Map<String, String> properties(String tenants) {
    Map<String, String> properties = new HashMap<>();
    properties.put("invokerguard.policy", "classpath:policies/firebase-tenants.yaml");
    properties.put("invokerguard.audiences", "https://svc.example");
    properties.put("invokerguard.jwks-uri", issuer.jwksUri().toString());
    properties.put("invokerguard.firebase-project", PROJECT);
    properties.put("invokerguard.firebase-keys-uri", issuer.firebaseCertsUri().toString());
    if (tenants != null) {
      properties.put("invokerguard.firebase-tenants", tenants);
    }
    return properties;
  }

  private static GuardRuntime start(Map<String, String> properties) {
    return GuardRuntime.start(GuardSettings.fromProperties(properties));
  }

  private static String token(String uid, String provider, String tenant) {
    TokenBuilder token = issuer.firebase(PROJECT, uid).signInProvider(provider);
    return (tenant == null ? token : token.firebaseTenant(tenant)).sign();
  }

  private static Decision get(GuardRuntime runtime, String path, String token) {
    return runtime.guard().check(AccessRequest.builder("GET", "svc.example", path)
        .header("Authorization", "Bearer " + token).build());
  }

  @Test
  void checkWhenTenantUserGrantedThenAllowedAndTheSameUidOfAnotherTenantOrTheProjectIsNot() {
    try (GuardRuntime runtime = start(properties("project,tenant-a1,tenant-b2"))) {
      Decision granted = get(runtime, "/a/x", token("uid-1", "password", "tenant-a1"));
      Decision otherTenant = get(runtime, "/a/x", token("uid-1", "password", "tenant-b2"));
      Decision project = get(runtime, "/a/x", token("uid-1", "password", null));

      assertThat(granted.status()).as(granted.detail()).isEqualTo(200);
      assertThat(granted.principal()).isEqualTo("firebaseTenantUser:tenant-a1/uid-1");
      assertThat(granted.caller().firebaseTenant()).contains("tenant-a1");
      assertThat(otherTenant.status()).isEqualTo(403);
      assertThat(project.status()).isEqualTo(403);
      assertThat(get(runtime, "/p/x", token("uid-1", "password", "tenant-a1")).status())
          .as("firebase:uid-1 names the project's user, not a tenant's").isEqualTo(403);
      assertThat(get(runtime, "/p/x", token("uid-1", "password", null)).status()).isEqualTo(200);
    }
  }

  @Test
  void checkWhenEveryUserOfTenantGrantedThenAnyUserOfItAllowedAndOthersNot() {
    try (GuardRuntime runtime = start(properties("project,tenant-a1,tenant-b2"))) {
      assertThat(get(runtime, "/b/x", token("someone", "google.com", "tenant-b2")).status()).isEqualTo(200);
      assertThat(get(runtime, "/b/x", token("someone", "google.com", "tenant-a1")).status()).isEqualTo(403);
      assertThat(get(runtime, "/b/x", token("anon-2", "anonymous", "tenant-b2")).status())
          .as("an anonymous sign-in is not every user of the tenant").isEqualTo(403);
    }
  }

  @Test
  void checkWhenTokenOfAnUnlistedTenantThen401InvalidToken() {
    try (GuardRuntime runtime = start(properties("project,tenant-a1"))) {
      Decision decision = get(runtime, "/signed-in/x", token("uid-1", "password", "tenant-c3"));

      assertThat(decision.status()).isEqualTo(401);
      assertThat(decision.tokenError()).isEqualTo(TokenError.TENANT_NOT_ALLOWED);
      assertThat(decision.wwwAuthenticate()).contains("error=\"invalid_token\"");
      assertThat(decision.detail()).contains("tenant");
    }
  }

  @Test
  void checkWhenTenantsUnsetThenTenantTokensRefusedAndProjectTokensAccepted() {
    try (GuardRuntime runtime = start(properties(null))) {
      assertThat(get(runtime, "/signed-in/x", token("uid-1", "password", "tenant-a1")).tokenError())
          .isEqualTo(TokenError.TENANT_NOT_ALLOWED);
      assertThat(get(runtime, "/signed-in/x", token("uid-1", "password", null)).status()).isEqualTo(200);
    }
  }

  @Test
  void checkWhenOnlyTenantsListedThenProjectTokensRefusedUnlessTheProjectWordIsListed() {
    try (GuardRuntime tenantsOnly = start(properties("tenant-a1"))) {
      assertThat(get(tenantsOnly, "/signed-in/x", token("uid-1", "password", null)).tokenError())
          .isEqualTo(TokenError.TENANT_NOT_ALLOWED);
      assertThat(get(tenantsOnly, "/signed-in/x", token("uid-1", "password", "tenant-a1")).status())
          .isEqualTo(200);
    }
    try (GuardRuntime withProject = start(properties("tenant-a1,project"))) {
      assertThat(get(withProject, "/signed-in/x", token("uid-1", "password", null)).status()).isEqualTo(200);
    }
  }

  @Test
  void checkWhenAnonymousSignInThenOnlyItsUidGrantsByDefault() {
    try (GuardRuntime runtime = start(properties(null))) {
      Decision signedIn = get(runtime, "/signed-in/x", token("anon-1", "anonymous", null));

      assertThat(signedIn.status()).isEqualTo(403);
      assertThat(signedIn.caller().signInProvider()).contains("anonymous");
      assertThat(get(runtime, "/p/x", token("anon-1", "anonymous", null)).status()).isEqualTo(200);
    }
  }

  @Test
  void checkWhenAnonymousWidenedThenAllAuthenticatedUsersGrantsToo() {
    Map<String, String> properties = properties("project,tenant-b2");
    properties.put("invokerguard.firebase-anonymous", "authenticated");
    try (GuardRuntime runtime = start(properties)) {
      assertThat(get(runtime, "/signed-in/x", token("anon-1", "anonymous", null)).status()).isEqualTo(200);
      assertThat(get(runtime, "/b/x", token("anon-2", "anonymous", "tenant-b2")).status()).isEqualTo(200);
    }
  }

  @Test
  void settingsWhenTenantsWithoutFirebaseProjectThenConfigurationError() {
    Map<String, String> properties = properties("tenant-a1");
    properties.remove("invokerguard.firebase-project");

    assertThatThrownBy(() -> GuardSettings.fromProperties(properties))
        .isInstanceOfSatisfying(InvokerGuardConfigurationException.class,
            e -> assertThat(e.code()).isEqualTo(ConfigurationErrorCode.INVALID_SETTING))
        .hasMessageContaining("invokerguard.firebase-tenants (INVOKERGUARD_FIREBASE_TENANTS)")
        .hasMessageContaining("invokerguard.firebase-project");
  }

  @Test
  void settingsWhenTenantIsNotATenantIdThenConfigurationErrorNamingIt() {
    assertThatThrownBy(() -> GuardSettings.fromProperties(properties("tenant-a1,tenant/b2")))
        .isInstanceOf(InvokerGuardConfigurationException.class)
        .hasMessageContaining("invokerguard.firebase-tenants (INVOKERGUARD_FIREBASE_TENANTS)")
        .hasMessageContaining("\"tenant/b2\"");
  }

  @Test
  void settingsWhenAnonymousWordUnknownThenConfigurationError() {
    Map<String, String> properties = properties(null);
    properties.put("invokerguard.firebase-anonymous", "everyone");

    assertThatThrownBy(() -> GuardSettings.fromProperties(properties))
        .isInstanceOf(InvokerGuardConfigurationException.class)
        .hasMessageContaining("invokerguard.firebase-anonymous (INVOKERGUARD_FIREBASE_ANONYMOUS)")
        .hasMessageContaining("uid-only or authenticated");
  }
}
