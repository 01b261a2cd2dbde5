package dev.invokerguard.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StaticGroupResolverTest {
  private final StaticGroupResolver resolver = StaticGroupResolver.of(Map.of(
      "engineering@example.com", List.of("group:Backend@example.com", "user:lead@example.com"),
      "backend@example.com", List.of("user:Alice@Example.com", "bot@p.iam.gserviceaccount.com"),
      "loop-a@example.com", List.of("group:loop-b@example.com", "alice@example.com"),
      "loop-b@example.com", List.of("group:loop-a@example.com")));

  @Test
  void groupsOfWhenNestedGroupsThenTransitiveAndCaseInsensitive() {
    Caller alice = Callers.fromToken(Tokens.google("ALICE@example.com"));

    assertThat(resolver.groupsOf(alice)).containsExactlyInAnyOrder("backend@example.com",
        "engineering@example.com", "loop-a@example.com", "loop-b@example.com");
  }

  @Test
  void groupsOfWhenServiceAccountMemberThenItsGroups() {
    Caller bot = Callers.fromToken(Tokens.google("bot@p.iam.gserviceaccount.com"));

    assertThat(resolver.groupsOf(bot)).containsExactlyInAnyOrder("backend@example.com",
        "engineering@example.com");
  }

  @Test
  void groupsOfWhenNoEmailOrUnknownThenNone() {
    assertThat(resolver.groupsOf(Callers.fromToken(Tokens.google(null)))).isEmpty();
    assertThat(resolver.groupsOf(Callers.fromToken(Tokens.google("x@example.com")))).isEmpty();
  }

  @Test
  void groupsOfWhenUserEmailEqualsNestedGroupEmailThenUserDoesNotInheritGroupParents() {
    StaticGroupResolver groups = StaticGroupResolver.of(Map.of(
        "admins@example.com", List.of("group:team@example.com"),
        "team@example.com", List.of("user:alice@example.com")));

    assertThat(groups.groupsOf(Callers.fromToken(Tokens.google("team@example.com")))).isEmpty();
    assertThat(groups.groupsOf(Callers.fromToken(Tokens.google("alice@example.com"))))
        .containsExactlyInAnyOrder("team@example.com", "admins@example.com");
  }

  @Test
  void groupsOfWhenUserAndGroupShareAnEmailThenEachKeepsItsOwnGroups() {
    StaticGroupResolver groups = StaticGroupResolver.of(Map.of(
        "admins@example.com", List.of("group:ops@example.com"),
        "staff@example.com", List.of("user:ops@example.com")));

    assertThat(groups.groupsOf(Callers.fromToken(Tokens.google("ops@example.com"))))
        .containsExactly("staff@example.com");
  }

  @Test
  void groupsOfWhenServiceAccountListedAsUserThenNotItsGroups() {
    StaticGroupResolver groups = StaticGroupResolver.of(Map.of(
        "bots@example.com", List.of("user:bot@p.iam.gserviceaccount.com")));

    assertThat(groups.groupsOf(Callers.fromToken(Tokens.google("bot@p.iam.gserviceaccount.com")))).isEmpty();
  }

  @Test
  void groupsOfWhenEmailHasKelvinSignThenNotTheAsciiMembersGroups() {
    StaticGroupResolver groups = StaticGroupResolver.of(Map.of(
        "admins@example.com", List.of("user:kate@example.com"),
        "\u212Aitchen@example.com", List.of("user:chef@example.com")));

    assertThat(groups.groupsOf(Callers.fromToken(Tokens.google("\u212Aate@example.com")))).isEmpty();
    assertThat(groups.groupsOf(Callers.fromToken(Tokens.google("KATE@example.com"))))
        .containsExactly("admins@example.com");
    assertThat(Callers.withGroups(Callers.fromToken(Tokens.google("chef@example.com")), groups).members())
        .contains("group:\u212Aitchen@example.com").doesNotContain("group:kitchen@example.com");
  }

  @Test
  void ofWhenEntryIsNotAnEmailThenFails() {
    assertThatThrownBy(() -> StaticGroupResolver.of(Map.of("g@example.com", List.of("domain:example.com"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("domain:example.com");
    assertThatThrownBy(() -> StaticGroupResolver.of(Map.of("not-an-email", List.of("a@example.com"))))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
