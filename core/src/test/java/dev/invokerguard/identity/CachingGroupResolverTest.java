package dev.invokerguard.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invokerguard.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CachingGroupResolverTest {
  private final MutableClock clock = MutableClock.at(Instant.parse("2025-01-01T00:00:00Z"));
  private final AtomicInteger calls = new AtomicInteger();
  private final Caller alice = Callers.fromToken(Tokens.google("alice@example.com"));

  @Test
  void groupsOfWhenWithinTtlThenAnsweredFromCache() {
    GroupResolver cached = CachingGroupResolver.wrap(c -> {
      calls.incrementAndGet();
      return Set.of("g@example.com");
    }, Duration.ofMinutes(5), 100, clock);

    cached.groupsOf(alice);
    clock.advance(Duration.ofMinutes(4));
    Set<String> groups = cached.groupsOf(alice);

    assertThat(groups).containsExactly("g@example.com");
    assertThat(calls).hasValue(1);
  }

  @Test
  void groupsOfWhenTtlPassedThenAsksAgain() {
    GroupResolver cached = CachingGroupResolver.wrap(c -> Set.of("g" + calls.incrementAndGet() + "@example.com"),
        Duration.ofMinutes(5), 100, clock);

    cached.groupsOf(alice);
    clock.advance(Duration.ofMinutes(6));

    assertThat(cached.groupsOf(alice)).containsExactly("g2@example.com");
  }

  @Test
  void groupsOfWhenDelegateFailsThenFailureNotCached() {
    GroupResolver cached = CachingGroupResolver.wrap(c -> {
      if (calls.incrementAndGet() == 1) {
        throw new IllegalStateException("directory down");
      }
      return Set.of("g@example.com");
    }, Duration.ofMinutes(5), 100, clock);

    assertThatThrownBy(() -> cached.groupsOf(alice)).isInstanceOf(IllegalStateException.class);
    assertThat(cached.groupsOf(alice)).containsExactly("g@example.com");
  }

  @Test
  void wrapWhenTtlNotPositiveThenFails() {
    assertThatThrownBy(() -> CachingGroupResolver.wrap(GroupResolver.NONE, Duration.ZERO, 10, clock))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
