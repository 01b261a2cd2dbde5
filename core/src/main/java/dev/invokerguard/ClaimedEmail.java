package dev.invokerguard;

import com.fasterxml.jackson.databind.JsonNode;
import dev.invokerguard.token.StreamingJson;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * The {@code email} claim of a token read without verifying anything, so that a decision log line of a
 * rejected token can say whose token failed. Never used to decide.
 */
final class ClaimedEmail {
  static final int MAX_LENGTH = 256;

  private ClaimedEmail() {}

  /** The claimed email, cut to {@value #MAX_LENGTH} characters, or {@code null}; never throws. */
  static @Nullable String of(@Nullable String token) {
    if (token == null || token.length() > 16 * 1024) {
      return null;
    }
    int first = token.indexOf('.');
    int second = first < 0 ? -1 : token.indexOf('.', first + 1);
    if (first < 0 || second < 0) {
      return null;
    }
    try {
      JsonNode email = StreamingJson.readLenient(Base64.getUrlDecoder().decode(token.substring(first + 1, second))).get("email");
      if (email == null || !email.isTextual()) {
        return null;
      }
      String text = email.asText();
      return text.length() > MAX_LENGTH ? text.substring(0, MAX_LENGTH) + "..." : text;
    } catch (java.io.IOException | RuntimeException e) {
      return null;
    }
  }
}
