package dev.invokerguard.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invokerguard.testing.MutableClock;
import dev.invokerguard.testing.TestIssuer;
import dev.invokerguard.testing.WithTestIssuer;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The verified-token cache: hits skip the key lookup and signature, yet the clock still applies. */
@WithTestIssuer
class GoogleIdTokenVerifierCacheTest {
  private static final String AUDIENCE = GoogleIdTokenVerifierTest.AUDIENCE;
  private static final Instant TEN = ZonedDateTime.of(2026, 5, 4, 10, 0, 0, 0, ZoneOffset.UTC).toInstant();

  private final TestIssuer issuer;
  private final MutableClock clock = MutableClock.at(TEN);
  private final AtomicInteger lookups = new AtomicInteger();

  GoogleIdTokenVerifierCacheTest(TestIssuer issuer) {
    this.issuer = issuer;
  }

  @Test
  void verifyWhenSameTokenAgainAsFreshStringThenServedFromCache() {
    GoogleIdTokenVerifier verifier = verifier(100);
    String token = token(TEN.plus(Duration.ofMinutes(5)));

    assertThat(verifier.verify(token).isVerified()).isTrue();
    assertThat(verifier.verify(new String(token.toCharArray())).isVerified()).isTrue();

    assertThat(lookups).hasValue(1);
  }

  @Test
  void verifyWhenTwoCallersAlternateAsFreshStringsThenEachGetsItsOwnVerificationFromCache() {
    GoogleIdTokenVerifier verifier = verifier(100);
    String alice = issuer.user("alice@example.com").audience(AUDIENCE).issuedAt(TEN)
        .expiresAt(TEN.plus(Duration.ofMinutes(5))).sign();
    String bob = issuer.user("bob@example.com").audience(AUDIENCE).issuedAt(TEN)
        .expiresAt(TEN.plus(Duration.ofMinutes(10))).sign();
    verifier.verify(alice);
    verifier.verify(bob);

    for (int i = 0; i < 3; i++) {
      assertThat(verifier.verify(new String(alice.toCharArray())).token().email()).isEqualTo("alice@example.com");
      assertThat(verifier.verify(new String(alice.toCharArray())).token().email()).isEqualTo("alice@example.com");
      assertThat(verifier.verify(new String(bob.toCharArray())).token().email()).isEqualTo("bob@example.com");
    }
    assertThat(lookups).hasValue(2);
    clock.set(TEN.plus(Duration.ofMinutes(6)));
    assertThat(verifier.verify(new String(bob.toCharArray())).isVerified()).isTrue();
    assertThat(verifier.verify(new String(alice.toCharArray())).error()).isEqualTo(TokenError.EXPIRED);
    assertThat(verifier.verify(new String(alice.toCharArray())).error()).isEqualTo(TokenError.EXPIRED);
  }

  @Test
  void verifyWhenSameTokenObjectAfterPendingFetchThenOneLookupOneHitAndStillExpiresByTheClock() {
    GoogleIdTokenVerifier verifier = verifier(100);
    String token = token(TEN.plus(Duration.ofMinutes(5)));
    verifier.verify(token);

    assertThat(verifier.pendingFetch(token)).isNull();
    assertThat(verifier.verify(token).isVerified()).isTrue();
    assertThat(lookups).hasValue(1);
    assertThat(verifier.tokenCacheStats()).isEqualTo(new TokenCacheStats(true, 1, 1, 1));
    clock.set(TEN.plus(Duration.ofMinutes(6)));

    assertThat(verifier.verify(token).error()).isEqualTo(TokenError.EXPIRED);
    assertThat(verifier.verify(new String(token.toCharArray())).error()).isEqualTo(TokenError.EXPIRED);
  }

  @Test
  void tokenCacheStatsWhenTokenVerifiedThenFromCacheThenOneMissOneHitOneEntry() {
    GoogleIdTokenVerifier verifier = verifier(100);
    String token = token(TEN.plus(Duration.ofMinutes(5)));

    verifier.verify(token);
    verifier.verify(new String(token.toCharArray()));

    assertThat(verifier.tokenCacheStats()).isEqualTo(new TokenCacheStats(true, 1, 1, 1));
  }

  @Test
  void tokenCacheStatsWhenCacheDisabledThenDisabledAndNothingCounted() {
    GoogleIdTokenVerifier verifier = verifier(0);

    verifier.verify(token(TEN.plus(Duration.ofMinutes(5))));

    assertThat(verifier.tokenCacheStats()).isEqualTo(TokenCacheStats.DISABLED);
  }

  @Test
  void verifyWhenCachedTokenPastExpiryThenRejected() {
    GoogleIdTokenVerifier verifier = verifier(100);
    String token = token(TEN.plus(Duration.ofMinutes(5)));
    assertThat(verifier.verify(token).isVerified()).isTrue();

    clock.set(TEN.plus(Duration.ofMinutes(6)));

    assertThat(verifier.verify(token).error()).isEqualTo(TokenError.EXPIRED);
  }

  @Test
  void verifyWhenCachedTokenPastExpiryWithinSkewThenVerifiedAgainNotFromCache() {
    GoogleIdTokenVerifier verifier = verifier(100);
    String token = token(TEN.plus(Duration.ofMinutes(5)));
    verifier.verify(token);

    clock.set(TEN.plus(Duration.ofMinutes(5)).plusSeconds(30));

    assertThat(verifier.verify(token).isVerified()).isTrue();
    assertThat(lookups).hasValue(2);
  }

  @Test
  void verifyWhenTokenRejectedThenRejectionNotCached() {
    GoogleIdTokenVerifier verifier = verifier(100);
    String bad = issuer.user("a@example.com").audience(AUDIENCE).corruptSignature().sign();

    verifier.verify(bad);
    verifier.verify(bad);

    assertThat(lookups).hasValue(2);
  }

  @Test
  void verifyWhenCacheDisabledThenEveryCallVerifies() {
    GoogleIdTokenVerifier verifier = verifier(0);
    String token = token(TEN.plus(Duration.ofMinutes(5)));

    verifier.verify(token);
    verifier.verify(token);

    assertThat(lookups).hasValue(2);
  }

  @Test
  void verifyWhenCacheFullThenOldEntriesEvictedAndStillVerified() {
    GoogleIdTokenVerifier verifier = verifier(2);
    List<String> tokens = List.of(token(TEN.plusSeconds(600)), token(TEN.plusSeconds(601)),
        token(TEN.plusSeconds(602)), token(TEN.plusSeconds(603)));
    for (int round = 0; round < 3; round++) {
      tokens.forEach(t -> assertThat(verifier.verify(t).isVerified()).isTrue());
    }
    assertThat(lookups.get()).isGreaterThan(4);
  }

  @Test
  void verifyWhenManyLargeTokensThenVerifiedButNeverCached() {
    GoogleIdTokenVerifier verifier = verifier(100);
    VerifiedTokenCache cache = verifier.verifiedTokenCache();

    for (int i = 0; i < 300; i++) {
      String token = issuer.user("a" + i + "@example.com").audience(AUDIENCE).issuedAt(TEN)
          .expiresAt(TEN.plusSeconds(600)).claim("padding", "x".repeat(8 * 1024)).sign();
      assertThat(token.length()).isGreaterThan(VerifiedTokenCache.MAX_CACHED_TOKEN_LENGTH);
      TokenVerification result = verifier.verify(token);
      assertThat(result.isVerified()).isTrue();
      assertThat(result.token().email()).isEqualTo("a" + i + "@example.com");
    }

    assertThat(cache.entries()).isZero();
    assertThat(cache.weight()).isZero();
  }

  @Test
  void verifyWhenManyCacheableLargeTokensThenCacheStaysWithinItsWeight() {
    GoogleIdTokenVerifier verifier = verifier(100);
    VerifiedTokenCache cache = verifier.verifiedTokenCache();
    for (int i = 0; i < 300; i++) {
      String token = issuer.user("b" + i + "@example.com").audience(AUDIENCE).issuedAt(TEN)
          .expiresAt(TEN.plusSeconds(600)).claim("padding", "y".repeat(2 * 1024)).sign();
      assertThat(token.length()).isBetween(3 * 1024, VerifiedTokenCache.MAX_CACHED_TOKEN_LENGTH);
      assertThat(verifier.verify(token).isVerified()).isTrue();
    }

    assertThat(cache.maximumWeight()).isEqualTo(100L * VerifiedTokenCache.ENTRY_WEIGHT);
    assertThat(cache.weight()).isLessThanOrEqualTo(cache.maximumWeight());
    assertThat(cache.entries()).isLessThanOrEqualTo(cache.maximumWeight() / (3 * 1024)).isPositive();
    String ordinary = token(TEN.plusSeconds(900));
    assertThat(verifier.verify(ordinary).isVerified()).isTrue();
    int before = lookups.get();
    assertThat(verifier.verify(ordinary).isVerified()).isTrue();
    assertThat(lookups.get()).as("an ordinary token is still served from the cache").isEqualTo(before);
  }

  @Test
  void verifyWhenTokenHasExtraClaimsThenOnlyIdentityClaimsKept() {
    GoogleIdTokenVerifier verifier = verifier(100);
    String token = issuer.user("c@example.com").audience(AUDIENCE).issuedAt(TEN)
        .expiresAt(TEN.plusSeconds(600)).hostedDomain("example.com").claim("padding", "z".repeat(1024))
        .claim("roles", java.util.List.of("admin")).sign();

    VerifiedToken verified = verifier.verify(token).token();

    assertThat(verified.claims()).doesNotContainKeys("padding", "roles")
        .containsEntry("email", "c@example.com").containsEntry("hd", "example.com").containsKeys("iss", "exp");
    assertThat(verifier.verify(token).token().claims()).isEqualTo(verified.claims());
  }

  private String token(Instant exp) {
    return issuer.user("a@example.com").audience(AUDIENCE).issuedAt(TEN).expiresAt(exp).sign();
  }

  private GoogleIdTokenVerifier verifier(long cacheSize) {
    return GoogleIdTokenVerifier.builder()
        .clock(clock)
        .family(TokenFamily.google(List.of(AUDIENCE)).withKeySetUri(issuer.jwksUri()))
        .verifiedTokenCacheSize(cacheSize)
        .keySourceFactory((family, settings, c, executor) -> new CountingKeySource(
            KeySourceFactories.HTTP.create(family, settings, c, executor), lookups))
        .build();
  }

  /** Counts lookups of the wrapped source. */
  private record CountingKeySource(KeySource delegate, AtomicInteger lookups) implements KeySource {
    @Override
    public KeyLookup find(String kid) {
      lookups.incrementAndGet();
      return delegate.find(kid);
    }

    @Override
    public boolean prefetch() {
      return delegate.prefetch();
    }

    @Override
    public KeySetStats stats() {
      return delegate.stats();
    }

    @Override
    public void close() {
      delegate.close();
    }
  }
}
