package dev.invokerguard.token;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * One fetched key set and its timeline: fresh until {@code expiresAt} (its RFC 9111 freshness lifetime),
 * due for a refresh ahead of that at {@code refreshAt}, and usable, stale, until {@code staleUntil}.
 *
 * @param keys the keys by {@code kid}
 * @param fetchedAt when the set was fetched
 * @param refreshAt when a refetch is due
 * @param expiresAt when its lifetime ends
 * @param staleUntil when it stops serving
 */
record CachedKeySet(Map<String, KeySetParser.ParsedKey> keys, Instant fetchedAt, Instant refreshAt,
    Instant expiresAt, Instant staleUntil) {

  CachedKeySet {
    keys = Map.copyOf(keys);
  }

  /** A set fetched at {@code fetchedAt}, due for refresh once {@code refreshPercent}% of its lifetime passed. */
  static CachedKeySet of(Map<String, KeySetParser.ParsedKey> keys, Instant fetchedAt, Duration lifetime,
      int refreshPercent, Duration maxStaleness) {
    Instant expiresAt = fetchedAt.plus(lifetime);
    Instant refreshAt = fetchedAt.plus(lifetime.multipliedBy(refreshPercent).dividedBy(100));
    return new CachedKeySet(keys, fetchedAt, refreshAt, expiresAt, expiresAt.plus(maxStaleness));
  }

  boolean usableAt(Instant now) {
    return now.isBefore(staleUntil);
  }

  boolean refreshDueAt(Instant now) {
    return !now.isBefore(refreshAt);
  }

  /** The key with this id, or {@code null}. */
  KeySource.KeyLookup lookup(String kid) {
    KeySetParser.ParsedKey key = keys.get(kid);
    return key == null ? null : KeySource.KeyLookup.found(key.key(), key.algorithm());
  }
}
