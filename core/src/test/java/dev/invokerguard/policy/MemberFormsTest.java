package dev.invokerguard.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MemberFormsTest {

  static Stream<Arguments> allowMembers() {
    return Stream.of(
        Arguments.of("user:Alice@Example.com", "user:alice@example.com", null),
        Arguments.of("serviceAccount:Caller@p.iam.gserviceaccount.com",
            "serviceAccount:caller@p.iam.gserviceaccount.com", null),
        Arguments.of("group:Admins@Example.com", "group:admins@example.com", null),
        Arguments.of("domain:Example.COM", "domain:example.com", null),
        Arguments.of("firebase:AbC123", "firebase:AbC123", null),
        Arguments.of("firebaseTenant:Tenant-a1", "firebaseTenant:Tenant-a1", null),
        Arguments.of("firebaseTenantUser:Tenant-a1/AbC/1:2", "firebaseTenantUser:Tenant-a1/AbC/1:2", null),
        Arguments.of("allUsers", "allUsers", null),
        Arguments.of("allAuthenticatedUsers", "allAuthenticatedUsers", null),
        Arguments.of("deleted:user:bob@example.com?uid=123456789012345678", null,
            PolicyProblemCode.DELETED_MEMBER),
        Arguments.of("deleted:serviceAccount:old@p.iam.gserviceaccount.com?uid=1", null,
            PolicyProblemCode.DELETED_MEMBER),
        Arguments.of("principal://iam.googleapis.com/locations/global/workforcePools/pool/subject/s", null,
            PolicyProblemCode.UNMATCHABLE_MEMBER),
        Arguments.of("principalSet://iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/p/*",
            null, PolicyProblemCode.UNMATCHABLE_MEMBER),
        Arguments.of("principalSet://cloudresourcemanager.googleapis.com/projects/123/type/ServiceAccount",
            null, PolicyProblemCode.UNMATCHABLE_MEMBER),
        Arguments.of("serviceAccount:my-project.svc.id.goog[default/app]", null,
            PolicyProblemCode.UNMATCHABLE_MEMBER),
        Arguments.of("projectOwner:my-project", null, PolicyProblemCode.UNMATCHABLE_MEMBER));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("allowMembers")
  void allowMemberKeyWhenKnownFormThenKeyOrWarning(String member, String key, PolicyProblemCode warning) {
    ProblemList problems = new ProblemList("p");

    assertThat(MemberForms.allowMemberKey(member, "m", PolicyLayer.SERVICE, problems)).isEqualTo(key);
    assertThat(problems.errors()).isEmpty();
    if (warning == null) {
      assertThat(problems.warnings()).isEmpty();
    } else {
      assertThat(problems.warnings()).singleElement().satisfies(w -> {
        assertThat(w.code()).isEqualTo(warning);
        assertThat(w.message()).contains(member);
      });
    }
  }

  static Stream<Arguments> denyPrincipals() {
    return Stream.of(
        Arguments.of("principal://goog/subject/Alice@Example.com", "user:alice@example.com", null),
        Arguments.of("principal://iam.googleapis.com/projects/-/serviceAccounts/sa@p.iam.gserviceaccount.com",
            "serviceAccount:sa@p.iam.gserviceaccount.com", null),
        Arguments.of("principalSet://goog/group/Team@Example.com", "group:team@example.com", null),
        Arguments.of("principalSet://goog/public:all", "allUsers", null),
        Arguments.of("principalSet://goog/cloudIdentityCustomerId/C01abc", null,
            PolicyProblemCode.UNENFORCEABLE_DENIAL),
        Arguments.of("deleted:principal://goog/subject/bob@example.com?uid=1", null,
            PolicyProblemCode.DELETED_MEMBER),
        Arguments.of("principalSet://iam.googleapis.com/locations/global/workforcePools/pool/*", null,
            PolicyProblemCode.UNENFORCEABLE_DENIAL),
        Arguments.of("user:alice@example.com", null, PolicyProblemCode.UNKNOWN_PRINCIPAL_FORM),
        Arguments.of("allUsers", null, PolicyProblemCode.UNKNOWN_PRINCIPAL_FORM),
        Arguments.of("principal://goog/subject/alice", null, PolicyProblemCode.MALFORMED_MEMBER));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("denyPrincipals")
  void denyPrincipalKeyWhenFormThenKeyWarningOrError(String principal, String key, PolicyProblemCode code) {
    ProblemList problems = new ProblemList("d");

    assertThat(MemberForms.denyPrincipalKey(principal, "p", true, problems)).isEqualTo(key);
    if (code == null) {
      assertThat(problems.errors()).isEmpty();
      assertThat(problems.warnings()).isEmpty();
    } else {
      assertThat(java.util.stream.Stream.concat(problems.errors().stream(), problems.warnings().stream()))
          .extracting(PolicyProblem::code).containsExactly(code);
    }
  }

  @ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.ValueSource(strings = {"firebaseTenant:tenant/a", "firebaseTenant:",
      "firebaseTenant:t\u00e4nant", "firebaseTenantUser:tenant-a1", "firebaseTenantUser:tenant-a1/",
      "firebaseTenantUser:/uid", "firebaseTenantUser:tenant a1/uid", "firebaseTenantUser:tenant-a1/u id"})
  void allowMemberKeyWhenTenantMemberMalformedThenError(String member) {
    ProblemList problems = new ProblemList("p");

    assertThat(MemberForms.allowMemberKey(member, "m", PolicyLayer.SERVICE, problems)).isNull();
    assertThat(problems.errors()).singleElement().satisfies(e -> {
      assertThat(e.code()).isEqualTo(PolicyProblemCode.MALFORMED_MEMBER);
      assertThat(e.message()).contains(member);
    });
  }
}
