package dev.invokerguard.token;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;

/**
 * Successful verifications keyed by the token string, each kept until the token's {@code exp} and no
 * longer. A hit still applies the clock. Failures are never cached.
 *
 * <p>The key hashes the token's last characters (signature bytes, random for every token Google mints)
 * instead of the whole string: a header value is a fresh {@code String} per request, and hashing a
 * whole token on every hit would cost more than the rest of the lookup.
 */
final class VerifiedTokenCache {
  private static final int HASHED_SUFFIX = 24;

  private final Cache<Key, Entry> cache;
  private final Clock clock;

  VerifiedTokenCache(long maximumSize, Clock clock) {
    this.clock = clock;
    Ticker ticker = () -> clock.millis() * 1_000_000L;
    this.cache = Caffeine.newBuilder()
        .maximumSize(maximumSize)
        .ticker(ticker)
        .executor(Runnable::run)
        .expireAfter(Expiry.<Key, Entry>creating((key, entry) ->
            Duration.ofMillis(entry.expiresAtMillis - clock.millis())))
        .build();
  }

  /** The cached verification if it is cached and its token not yet expired by the clock. */
  TokenVerification get(String token) {
    Entry entry = cache.getIfPresent(new Key(token));
    if (entry == null || clock.millis() >= entry.expiresAtMillis) {
      return null;
    }
    return entry.verification;
  }

  void put(String token, TokenVerification verification) {
    long expiresAtMillis = verification.token().expiresAt().toEpochMilli();
    if (clock.millis() < expiresAtMillis) {
      cache.put(new Key(token), new Entry(verification, expiresAtMillis));
    }
  }

  /** A verification and its token's expiry, read on every hit without allocating. */
  private record Entry(TokenVerification verification, long expiresAtMillis) {}

  private static final class Key {
    private final String token;
    private final int hash;

    Key(String token) {
      this.token = token;
      int h = token.length();
      for (int i = Math.max(0, token.length() - HASHED_SUFFIX); i < token.length(); i++) {
        h = 31 * h + token.charAt(i);
      }
      this.hash = h;
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Key key && key.hash == hash && key.token.equals(token);
    }
  }
}
