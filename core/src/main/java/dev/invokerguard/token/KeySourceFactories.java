package dev.invokerguard.token;

/** The production key sources. */
final class KeySourceFactories {
  static final GoogleIdTokenVerifier.KeySourceFactory HTTP = (family, settings, clock, executor) ->
      new HttpKeySource(family.keySetUri(), family.keySetFormat(), settings, clock, executor);

  private KeySourceFactories() {}
}
