package dev.invokerguard.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invokerguard.testing.TestIssuer;
import dev.invokerguard.testing.TokenBuilder;
import dev.invokerguard.testing.WithTestIssuer;
import dev.invokerguard.token.FirebaseTenants;
import dev.invokerguard.token.GoogleIdTokenVerifier;
import dev.invokerguard.token.TokenFamily;
import dev.invokerguard.token.TokenVerification;
import dev.invokerguard.token.VerifiedToken;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Firebase and Identity Platform callers, from tokens signed by a local issuer and verified for real. */
@WithTestIssuer
class CallersFirebaseTest {
  private static final String PROJECT = "demo-project";

  private final TestIssuer issuer;
  private final GoogleIdTokenVerifier verifier;

  CallersFirebaseTest(TestIssuer issuer) {
    this.issuer = issuer;
    this.verifier = GoogleIdTokenVerifier.builder()
        .family(TokenFamily.firebase(PROJECT).withKeySetUri(issuer.firebaseCertsUri())
            .withTenants(FirebaseTenants.parse(List.of("project", "tenant-a1", "tenant-b2"))))
        .build();
  }

  @AfterEach
  void close() {
    verifier.close();
  }

  private TokenBuilder user(String uid, String provider, String tenant) {
    Map<String, Object> firebase = new LinkedHashMap<>();
    firebase.put("identities", Map.of());
    firebase.put("sign_in_provider", provider);
    if (tenant != null) {
      firebase.put("tenant", tenant);
    }
    return issuer.firebase(PROJECT, uid).claim("firebase", firebase);
  }

  private VerifiedToken verified(TokenBuilder token) {
    TokenVerification result = verifier.verify(token.sign());
    assertThat(result.error()).isNull();
    return result.token();
  }

  @Test
  void fromTokenWhenProjectUserWithVerifiedEmailThenUserEmailAndUidMembers() {
    Caller caller = Callers.fromToken(verified(user("uid-1", "password", null)
        .claim("email", "Carol@Example.com").emailVerified(true)));

    assertThat(caller.principal()).isEqualTo("user:carol@example.com");
    assertThat(caller.members()).containsExactly("user:carol@example.com", "firebase:uid-1",
        "allAuthenticatedUsers", "allUsers");
    assertThat(caller.firebaseTenant()).isEmpty();
    assertThat(caller.signInProvider()).contains("password");
  }

  @Test
  void fromTokenWhenTenantUserThenTenantMembersAndNeitherFirebaseUidNorUserEmail() {
    Caller caller = Callers.fromToken(verified(user("uid-1", "google.com", "tenant-a1")
        .claim("email", "carol@example.com").emailVerified(true)));

    assertThat(caller.principal()).isEqualTo("firebaseTenantUser:tenant-a1/uid-1");
    assertThat(caller.members()).containsExactly("firebaseTenantUser:tenant-a1/uid-1", "firebaseTenant:tenant-a1",
        "allAuthenticatedUsers", "allUsers");
    assertThat(caller.firebaseTenant()).contains("tenant-a1");
    assertThat(caller.signInProvider()).contains("google.com");
  }

  @Test
  void fromTokenWhenSameUidInTwoTenantsThenNoMemberInCommonButThePublicOnes() {
    Caller a = Callers.fromToken(verified(user("uid-1", "password", "tenant-a1")));
    Caller b = Callers.fromToken(verified(user("uid-1", "password", "tenant-b2")));
    Caller project = Callers.fromToken(verified(user("uid-1", "password", null)));

    assertThat(a.members()).doesNotContainAnyElementsOf(b.members().subList(0, 2))
        .doesNotContain("firebase:uid-1");
    assertThat(project.members()).doesNotContainAnyElementsOf(a.members().subList(0, 2));
  }

  @Test
  void fromTokenWhenUidLooksLikeATenantUserThenStillAProjectLevelMember() {
    Caller caller = Callers.fromToken(verified(user("tenant-a1/uid-1", "custom", null)));

    assertThat(caller.members()).containsExactly("firebase:tenant-a1/uid-1", "allAuthenticatedUsers", "allUsers");
  }

  @Test
  void fromTokenWhenAnonymousSignInThenOnlyItsUidMemberByDefault() {
    Caller project = Callers.fromToken(verified(user("anon-1", "anonymous", null)));
    Caller tenant = Callers.fromToken(verified(user("anon-1", "anonymous", "tenant-a1")));

    assertThat(project.members()).containsExactly("firebase:anon-1", "allUsers");
    assertThat(project.anonymous()).as("a verified token, not an anonymous request").isFalse();
    assertThat(tenant.members()).containsExactly("firebaseTenantUser:tenant-a1/anon-1", "allUsers");
  }

  @Test
  void fromTokenWhenAnonymousSignInWidenedThenAuthenticatedToo() {
    VerifiedToken token = verified(user("anon-1", "anonymous", "tenant-a1"));

    Caller caller = Callers.fromToken(token, FirebaseAnonymousUsers.AUTHENTICATED);

    assertThat(caller.members()).containsExactly("firebaseTenantUser:tenant-a1/anon-1", "firebaseTenant:tenant-a1",
        "allAuthenticatedUsers", "allUsers");
    assertThat(Callers.fromToken(token, FirebaseAnonymousUsers.UID_ONLY).members())
        .containsExactly("firebaseTenantUser:tenant-a1/anon-1", "allUsers");
  }

  @Test
  void fromMembersWhenTenantUserThenTenantMemberAndTenantShown() {
    Caller caller = Callers.fromMembers(List.of("firebaseTenantUser:tenant-a1/Uid/With:Odd chars"));

    assertThat(caller.members()).containsExactly("firebaseTenantUser:tenant-a1/Uid/With:Odd chars",
        "firebaseTenant:tenant-a1", "allAuthenticatedUsers", "allUsers");
    assertThat(caller.firebaseTenant()).contains("tenant-a1");
  }

  @Test
  void fromMembersWhenTenantUserMalformedThenRejected() {
    for (String bad : List.of("firebaseTenantUser:tenant-a1", "firebaseTenantUser:tenant a/uid",
        "firebaseTenantUser:tenant-a1/", "firebaseTenantUser:/uid")) {
      assertThatThrownBy(() -> Callers.fromMembers(List.of(bad))).as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void callerWhenBuiltWithoutFirebaseSignInThenNoTenantNorProvider() {
    Caller caller = new Caller("user:a@example.com", List.of("user:a@example.com", "allUsers"), false, false,
        false);

    assertThat(caller.firebaseTenant()).isEmpty();
    assertThat(caller.signInProvider()).isEmpty();
    assertThat(caller.withGroups(List.of("g@example.com")).firebaseSignIn()).isNull();
  }
}
