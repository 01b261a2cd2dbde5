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
  void ofWhenEntryIsNotAnEmailThenFails() {
    assertThatThrownBy(() -> StaticGroupResolver.of(Map.of("g@example.com", List.of("domain:example.com"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("domain:example.com");
    assertThatThrownBy(() -> StaticGroupResolver.of(Map.of("not-an-email", List.of("a@example.com"))))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
