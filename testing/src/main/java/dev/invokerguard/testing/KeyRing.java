package dev.invokerguard.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The keys of one family: the current signing key, the previous one (published until the next
 * rotation or until dropped), and a key that is never published. Keys are generated on first use.
 * Thread-safe.
 */
final class KeyRing {
  private final Supplier<SigningKey> generator;
  private final Lazy unpublished;
  private Lazy current;
  private Lazy previous;

  KeyRing(Supplier<SigningKey> generator) {
    this.generator = generator;
    this.unpublished = new Lazy(generator);
    this.current = new Lazy(generator);
  }

  synchronized SigningKey current() {
    return current.get();
  }

  /** The key that signs tokens no key set knows. */
  SigningKey unpublished() {
    return unpublished.get();
  }

  /** The published keys, current first. */
  synchronized List<SigningKey> published() {
    List<SigningKey> keys = new ArrayList<>(2);
    keys.add(current.get());
    if (previous != null) {
      keys.add(previous.get());
    }
    return keys;
  }

  /** Makes a new key current; the current one stays published as the previous key. */
  synchronized void rotate() {
    previous = current;
    current = new Lazy(generator);
  }

  /** Stops publishing the previous key. */
  synchronized void dropOld() {
    previous = null;
  }

  /** A key generated once, on first request. */
  private static final class Lazy {
    private final Supplier<SigningKey> generator;
    private SigningKey key;

    Lazy(Supplier<SigningKey> generator) {
      this.generator = generator;
    }

    synchronized SigningKey get() {
      if (key == null) {
        key = generator.get();
      }
      return key;
    }
  }
}
