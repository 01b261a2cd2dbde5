package dev.invokerguard.token;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The result of {@link IdTokenVerifier#verify}: either a {@link VerifiedToken} or a {@link TokenError}
 * with a detail that is safe to show the caller (it never echoes the token).
 *
 * @param token the verified token, or {@code null} when rejected
 * @param error why the token was rejected, or {@code null} when verified
 * @param detail a human-readable explanation of the rejection, or {@code null} when verified
 */
public record TokenVerification(@Nullable VerifiedToken token, @Nullable TokenError error, @Nullable String detail) {

  public TokenVerification {
    if ((token == null) == (error == null)) {
      throw new IllegalArgumentException("exactly one of token and error must be set");
    }
  }

  public static TokenVerification verified(VerifiedToken token) {
    return new TokenVerification(Objects.requireNonNull(token, "token"), null, null);
  }

  public static TokenVerification rejected(TokenError error, String detail) {
    return new TokenVerification(null, Objects.requireNonNull(error, "error"), detail);
  }

  /** True when the token verified. */
  public boolean isVerified() {
    return token != null;
  }
}
