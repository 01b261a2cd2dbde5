package dev.invokerguard.token;

import java.security.PublicKey;
import org.jspecify.annotations.Nullable;

/**
 * The public keys of one token family, cached. Implementations never throw from {@link #find}:
 * "no such key" and "no keys at all" are answers, and the second is never turned into the first.
 */
interface KeySource extends AutoCloseable {

  /**
   * Finds the key with this id. May block on the first fetch (single flight: concurrent callers share
   * it) or on a rate-limited unknown-kid refetch; never blocks while usable keys exist and the kid is
   * known.
   */
  KeyLookup find(String kid);

  /** Fetches the key set now unless usable keys are cached; true when usable keys are cached after. */
  boolean prefetch();

  KeySetStats stats();

  /** Stops background refreshes. */
  @Override
  void close();

  /**
   * The answer of {@link #find}.
   *
   * @param status what was found
   * @param key the key when {@link Status#FOUND}
   * @param algorithm the key's declared JWS {@code alg}, or {@code null} when it declares none
   * @param detail why not found, for logs
   */
  record KeyLookup(Status status, PublicKey key, @Nullable String algorithm, String detail) {
    enum Status { FOUND, UNKNOWN_KID, UNAVAILABLE }

    static KeyLookup found(PublicKey key, String algorithm) {
      return new KeyLookup(Status.FOUND, key, algorithm, null);
    }

    static KeyLookup unknownKid(String detail) {
      return new KeyLookup(Status.UNKNOWN_KID, null, null, detail);
    }

    static KeyLookup unavailable(String detail) {
      return new KeyLookup(Status.UNAVAILABLE, null, null, detail);
    }
  }
}
