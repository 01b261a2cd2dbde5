package com.google.auth.oauth2;

/** Sets the clock Google Auth Library's credentials judge their token's expiry by (test only). */
public final class LibraryClock {
  private LibraryClock() {}

  /** From now on {@code credentials} read the time from {@code clock}. */
  public static void set(OAuth2Credentials credentials, java.time.Clock clock) {
    credentials.clock = clock::millis;
  }
}
