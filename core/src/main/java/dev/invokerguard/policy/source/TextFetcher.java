package dev.invokerguard.policy.source;

import dev.invokerguard.policy.PolicyText;

/** A document given as text (by an application, or read by a command): it never changes. */
final class TextFetcher implements DocumentFetcher {
  private final Fetched fetched;

  TextFetcher(PolicyText text) {
    this.fetched = new Fetched(text, null);
  }

  @Override
  public Fetched fetch() {
    return fetched;
  }
}
