package dev.invokerguard.token;

/**
 * A snapshot of the verified-token cache's counters, for metrics: how often a token was answered from the cache
 * instead of having its signature checked (see {@link GoogleIdTokenVerifier.Builder#verifiedTokenCacheSize}).
 *
 * @param enabled whether the cache is on (size above 0); when off, every count is 0
 * @param hits verifications answered from the cache
 * @param misses verifications of a well-sized token that was not cached (its signature was checked)
 * @param entries tokens held now
 */
public record TokenCacheStats(boolean enabled, long hits, long misses, long entries) {
  /** The counters of a disabled cache. */
  public static final TokenCacheStats DISABLED = new TokenCacheStats(false, 0, 0, 0);
}
