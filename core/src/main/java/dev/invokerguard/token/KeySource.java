package dev.invokerguard.token;

import java.security.PublicKey;
import java.util.concurrent.CompletableFuture;
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

  /**
   * For callers that must not wait: {@code null} when {@link #find} would answer {@code kid} from memory now;
   * otherwise the fetch {@code find} would wait for, started (off the calling thread) unless one is in
   * flight. Never waits. Once it completes, {@code find} answers from memory (a refetch it would start is
   * rate-limited), so asking again converges.
   */
  default @Nullable CompletableFuture<Void> pendingFetch(String kid) {
    return null;
  }

  /** Fetches the key set now unless usable keys are cached; true when usable keys are cached after. */
  boolean prefetch();

  /**
   * Like {@link #prefetch}, off the calling thread: starts the fetch (or joins the one in flight) and returns at
   * once. Completes with true when usable keys are cached after it; never completes exceptionally.
   */
  default CompletableFuture<Boolean> startPrefetch() {
    return CompletableFuture.completedFuture(prefetch());
  }

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
