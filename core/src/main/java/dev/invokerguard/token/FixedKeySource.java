package dev.invokerguard.token;

import java.time.Duration;
import java.util.Map;

/** The keys of one key-set document given up front (read from a local file): never fetched, never expire. */
final class FixedKeySource implements KeySource {
  private final Map<String, KeySetParser.ParsedKey> keys;

  FixedKeySource(Map<String, KeySetParser.ParsedKey> keys) {
    this.keys = Map.copyOf(keys);
  }

  @Override
  public KeyLookup find(String kid) {
    KeySetParser.ParsedKey key = kid == null ? null : keys.get(kid);
    return key == null ? KeyLookup.unknownKid("kid not in the given key set")
        : KeyLookup.found(key.key(), key.algorithm());
  }

  @Override
  public boolean prefetch() {
    return true;
  }

  @Override
  public KeySetStats stats() {
    return new KeySetStats(null, 0, 0, 0, keys.size(), null, Duration.ZERO, null, null);
  }

  @Override
  public void close() {}
}
