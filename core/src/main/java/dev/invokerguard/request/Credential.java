package dev.invokerguard.request;

import dev.invokerguard.Internal;

/**
 * The Google-signed token a request carries, or why the request's credentials are unusable.
 *
 * @param kind what was found
 * @param token the token when {@link Kind#TOKEN}
 * @param header the header it came from, or the header at fault
 * @param problem what is wrong, when {@link Kind#AMBIGUOUS} or {@link Kind#TOO_LARGE} (never echoes a token)
 */
@Internal
public record Credential(Kind kind, String token, String header, String problem) {
  public enum Kind { NONE, TOKEN, AMBIGUOUS, TOO_LARGE }

  static final Credential NONE = new Credential(Kind.NONE, null, null, null);

  static Credential token(String token, String header) {
    return new Credential(Kind.TOKEN, token, header, null);
  }

  static Credential ambiguous(String header, String problem) {
    return new Credential(Kind.AMBIGUOUS, null, header, problem);
  }

  static Credential tooLarge(String header, int limit) {
    return new Credential(Kind.TOO_LARGE, null, header,
        "The " + header + " header is longer than " + limit + " characters.");
  }
}
