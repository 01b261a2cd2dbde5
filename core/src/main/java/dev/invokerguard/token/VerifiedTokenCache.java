package dev.invokerguard.token;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Successful verifications keyed by the token string, each kept until the token's {@code exp} and no
 * longer. A hit still applies the clock. Failures are never cached.
 *
 * <p>Bounded by weight, not only by count: an entry weighs the characters of its token plus those of the
 * claims kept ({@link ReadOnlyClaims#weight}), at least {@value #ENTRY_WEIGHT}, and the cache holds at
 * most {@code maximumEntries} times {@value #ENTRY_WEIGHT}. Ordinary ID tokens (about 1 KiB) weigh the
 * minimum, so the cache holds {@code maximumEntries} of them; larger ones count for more. A token longer
 * than {@value #MAX_CACHED_TOKEN_LENGTH} characters is verified every time and never cached, so that
 * a flood of large issuer-signed tokens cannot fill the heap.
 *
 * <p>The key hashes the token's last characters (signature bytes, random for every token Google mints)
 * instead of the whole string: a header value is a fresh {@code String} per request, and hashing a
 * whole token on every hit would cost more than the rest of the lookup.
 */
final class VerifiedTokenCache {
  /** The weight of an ordinary entry, and the least any entry weighs (characters). */
  static final int ENTRY_WEIGHT = 2048;
  /** Longer tokens are not cached (characters). */
  static final int MAX_CACHED_TOKEN_LENGTH = 4096;
  private static final int HASHED_SUFFIX = 24;

  private final Cache<Key, Entry> cache;
  private final Clock clock;
  private final long maximumWeight;
  // Not volatile: a thread that reads another thread's LastHit sees it whole (final fields), and one that
  // reads an older one or none only looks the token up again.
  private @Nullable LastHit lastHit;

  VerifiedTokenCache(long maximumEntries, Clock clock) {
    this.clock = clock;
    this.maximumWeight = maximumEntries * ENTRY_WEIGHT;
    Ticker ticker = () -> clock.millis() * 1_000_000L;
    this.cache = Caffeine.newBuilder()
        .maximumWeight(maximumWeight)
        .weigher((Key key, Entry entry) -> entry.weight())
        .ticker(ticker)
        .executor(Runnable::run)
        .expireAfter(Expiry.<Key, Entry>creating((key, entry) ->
            Duration.ofMillis(entry.expiresAtMillis - clock.millis())))
        .build();
  }

  /**
   * The cached verification if it is cached and its token not yet expired by the clock. The last hit is
   * kept in front of the cache: a non-blocking check asks about one request's token twice (is a key fetch
   * pending, then verify), and the second answer costs one comparison of references; a caller that sends the
   * same token again (a service reuses its token for up to an hour) is answered by comparing the strings,
   * without the cache's lookup and its bookkeeping. Entries are never invalidated before their token's
   * expiry, so the last hit answers exactly as the cache would.
   */
  TokenVerification get(String token) {
    LastHit last = lastHit;
    Entry entry;
    if (last != null && (last.token == token || last.token.equals(token))) {
      entry = last.entry;
    } else {
      entry = cache.getIfPresent(new Key(token));
      if (entry != null) {
        lastHit = new LastHit(token, entry);
      }
    }
    if (entry == null || clock.millis() >= entry.expiresAtMillis) {
      return null;
    }
    return entry.verification;
  }

  void put(String token, TokenVerification verification) {
    if (token.length() > MAX_CACHED_TOKEN_LENGTH) {
      return;
    }
    long expiresAtMillis = verification.token().expiresAt().toEpochMilli();
    if (clock.millis() < expiresAtMillis) {
      long weight = token.length() + ReadOnlyClaims.weight(verification.token().claims());
      cache.put(new Key(token), new Entry(verification, expiresAtMillis,
          (int) Math.min(Integer.MAX_VALUE, Math.max(ENTRY_WEIGHT, weight))));
    }
  }

  /** The weight of every entry now held (after pending evictions). */
  long weight() {
    cache.cleanUp();
    return cache.policy().eviction().orElseThrow().weightedSize().orElse(0);
  }

  /** How many entries are held now (after pending evictions). */
  long entries() {
    cache.cleanUp();
    return cache.estimatedSize();
  }

  long maximumWeight() {
    return maximumWeight;
  }

  /** The last hit and the string it was asked with. */
  private record LastHit(String token, Entry entry) {}

  /** A verification, its token's expiry (read on every hit without allocating) and its weight. */
  private record Entry(TokenVerification verification, long expiresAtMillis, int weight) {}

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
