package dev.invokerguard.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FirebaseTenantsTest {

  @Test
  void parseWhenEmptyThenProjectLevelTokensOnly() {
    FirebaseTenants tenants = FirebaseTenants.parse(List.of());

    assertThat(tenants).isEqualTo(FirebaseTenants.PROJECT_ONLY);
    assertThat(tenants.accepts(Optional.empty())).isTrue();
    assertThat(tenants.accepts(Optional.of("tenant-a1"))).isFalse();
  }

  @Test
  void parseWhenTenantsAndProjectWordThenBothAccepted() {
    FirebaseTenants tenants = FirebaseTenants.parse(List.of("Tenant-a1", "project"));

    assertThat(tenants.tenants()).containsExactly("Tenant-a1");
    assertThat(tenants.projectUsers()).isTrue();
    assertThat(tenants.accepts(Optional.of("Tenant-a1"))).isTrue();
    assertThat(tenants.accepts(Optional.of("tenant-a1"))).as("tenant ids compare exactly").isFalse();
  }

  @Test
  void parseWhenValueIsNotATenantIdThenRejectedNamingIt() {
    for (String bad : new String[] {"tenant/a", "tenant:a", "tenant a", "ten\u00e4nt", ""}) {
      assertThatThrownBy(() -> FirebaseTenants.parse(List.of(bad))).as(bad)
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"" + bad + "\"");
    }
  }

  @Test
  void parseWhenValueTwiceThenRejected() {
    assertThatThrownBy(() -> FirebaseTenants.parse(List.of("t-1", "t-1"))).hasMessageContaining("twice");
    assertThatThrownBy(() -> FirebaseTenants.parse(List.of("project", "project"))).hasMessageContaining("twice");
  }

  @Test
  void withTenantsWhenNotFirebaseFamilyThenRejected() {
    TokenFamily google = TokenFamily.google(List.of("https://svc.example"));

    assertThatThrownBy(() -> google.withTenants(new FirebaseTenants(Set.of("t-1"), false)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(TokenFamily.firebase("demo-project").withKeySetUri(URI.create("https://keys.example"))
        .withTenants(FirebaseTenants.parse(List.of("t-1"))).tenants().tenants()).containsExactly("t-1");
  }
}
