package dev.invokerguard.identity;

import java.util.Locale;
import java.util.Optional;

/**
 * What a Firebase / Identity Platform anonymous sign-in ({@code firebase.sign_in_provider} {@code anonymous},
 * see Firebase's "Authenticate with Firebase anonymously") matches in policies. IAM's
 * {@code allAuthenticatedUsers} means a verified identity; an anonymous session is only a device-held UID, so
 * by default it is not one.
 */
public enum FirebaseAnonymousUsers {
  /**
   * The default: an anonymous user matches only its own UID member ({@code firebase:UID}, or
   * {@code firebaseTenantUser:TENANT/UID}) and {@code allUsers}; not {@code allAuthenticatedUsers}, and not
   * {@code firebaseTenant:TENANT}.
   */
  UID_ONLY("uid-only"),
  /** An anonymous user matches what any signed-in Firebase user matches, {@code allAuthenticatedUsers} too. */
  AUTHENTICATED("authenticated");

  private final String word;

  FirebaseAnonymousUsers(String word) {
    this.word = word;
  }

  /** The setting's word: {@code uid-only} or {@code authenticated}. */
  public String word() {
    return word;
  }

  /** The value a setting's word names (case-insensitive), or empty. */
  public static Optional<FirebaseAnonymousUsers> byWord(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    for (FirebaseAnonymousUsers value : values()) {
      if (value.word.equals(lower)) {
        return Optional.of(value);
      }
    }
    return Optional.empty();
  }
}
