package dev.invokerguard.request;

import dev.invokerguard.Internal;
import org.jspecify.annotations.Nullable;

/**
 * The Google-signed token a request carries, or why the request's credentials are unusable. What the
 * caller is told about a refusal is the facade's to word; this says only what is wrong and where.
 *
 * @param kind what was found
 * @param token the token when {@link Kind#TOKEN} (empty when the header's bearer token is), else {@code null}
 * @param header the header it came from, or the header at fault; {@code null} when {@link Kind#NONE}
 * @param problem what is wrong when {@link Kind#REFUSED}, else {@code null}
 */
@Internal
public record Credential(Kind kind, @Nullable String token, @Nullable String header, @Nullable Problem problem) {
  /** What a request's credential headers hold. */
  public enum Kind {
    /** No credential header: an anonymous request. */
    NONE,
    /** One token (possibly empty: then it is a token that fails verification). */
    TOKEN,
    /** Credential headers that cannot be read as one token (answered with 400). */
    REFUSED
  }

  /** Why credential headers are refused. */
  public enum Problem {
    /** The header is sent more than once. */
    REPEATED,
    /** {@code X-Serverless-Authorization} without the {@code Bearer} scheme. */
    NOT_BEARER,
    /** The value holds more than one token (whitespace or a comma inside it). */
    NOT_ONE_TOKEN,
    /** The header is longer than the configured limit. */
    TOO_LARGE
  }

  static final Credential NONE = new Credential(Kind.NONE, null, null, null);

  static Credential token(String token, String header) {
    return new Credential(Kind.TOKEN, token, header, null);
  }

  static Credential refused(String header, Problem problem) {
    return new Credential(Kind.REFUSED, null, header, problem);
  }

  /** Whether this is a token whose header carried nothing after {@code Bearer}. */
  public boolean isEmptyToken() {
    return kind == Kind.TOKEN && token != null && token.isEmpty();
  }
}
