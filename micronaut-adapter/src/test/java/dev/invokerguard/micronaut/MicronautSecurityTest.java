package dev.invokerguard.micronaut;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invokerguard.tck.sample.RawHttp;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** With Micronaut Security on: the caller InvokerGuard allowed is its authenticated user, IAM members as roles. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MicronautSecurityTest implements TestPropertyProvider {
  @Inject
  EmbeddedServer server;

  @Override
  public Map<String, String> getProperties() {
    return Issuer.settings("micronaut.security.enabled", "true", SecuredController.ENABLED, "true");
  }

  private RawHttp http() {
    return new RawHttp(server.getPort());
  }

  @Test
  void securedWhenRoleIsTheCallersMemberThenAllowed() throws Exception {
    RawHttp.Response response = http().getWithToken("/private/secured/alice", Issuer.user("Alice@Example.com"));

    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("name=user:alice@example.com");
  }

  @Test
  void securedWhenIamAllowsButRoleIsAnotherMemberThen403FromMicronautSecurity() throws Exception {
    RawHttp.Response response = http().getWithToken("/private/secured/alice",
        Issuer.serviceAccount("reporter@test-project.iam.gserviceaccount.com"));

    assertThat(response.status()).isEqualTo(403);
  }

  @Test
  void securedWhenRoleIsAGroupOfTheCallerThenAllowed() throws Exception {
    RawHttp.Response response = http().getWithToken("/private/secured/ops", Issuer.user("carol@example.com"));

    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("name=user:carol@example.com");
  }

  @Test
  void authenticationWhenAllowedThenRolesAreTheMembersWithoutAllUsers() throws Exception {
    RawHttp.Response response = http().getWithToken("/private/secured/any", Issuer.user("carol@example.com"));

    assertThat(response.body()).isEqualTo(
        "name=user:carol@example.com roles=[allAuthenticatedUsers, group:ops@example.com, user:carol@example.com]");
  }

  @Test
  void anonymousWhenIamOpensThePathThenMicronautSecuritySeesAnAnonymousUser() throws Exception {
    assertThat(http().get("/public/secured/anonymous").status()).isEqualTo(200);
    assertThat(http().get("/public/secured/any").status()).isEqualTo(401);
  }

  @Test
  void deniedByInvokerGuardThenMicronautSecurityNeverRuns() throws Exception {
    RawHttp.Response response = http().get("/private/secured/any");

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.header("Content-Type")).hasValue("application/problem+json");
  }
}
