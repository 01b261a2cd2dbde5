package dev.invokerguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The header and claims of a token given on the command line, read without verifying anything (RFC 7519
 * section 7.2 steps 1-8, no signature): only to say, next to the inputs, why the verifier rejected it.
 * Nothing read here ever decides.
 */
final class TokenClaims {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final JsonNode header;
  private final JsonNode payload;

  private TokenClaims(JsonNode header, JsonNode payload) {
    this.header = header;
    this.payload = payload;
  }

  /** The token's header and claims, or {@code null} when it is not three base64url parts of JSON objects. */
  static TokenClaims read(String token) {
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3) {
      return null;
    }
    try {
      JsonNode header = JSON.readTree(decode(parts[0]));
      JsonNode payload = JSON.readTree(decode(parts[1]));
      return header != null && header.isObject() && payload != null && payload.isObject()
          ? new TokenClaims(header, payload) : null;
    } catch (IOException | IllegalArgumentException e) {
      return null;
    }
  }

  private static String decode(String part) {
    return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
  }

  String headerString(String name) {
    JsonNode value = header.get(name);
    return value != null && value.isTextual() ? value.asText() : null;
  }

  String string(String name) {
    JsonNode value = payload.get(name);
    return value == null || value.isNull() ? null : value.asText();
  }

  /** A string member of an object claim ({@code firebase.tenant}), or {@code null}. */
  String nestedString(String name, String member) {
    JsonNode value = payload.path(name).get(member);
    return value == null || value.isNull() ? null : value.asText();
  }

  /** {@code aud} as a list (a string or an array of strings). */
  List<String> audience() {
    JsonNode aud = payload.get("aud");
    List<String> values = new ArrayList<>();
    if (aud != null && aud.isArray()) {
      aud.forEach(a -> values.add(a.asText()));
    } else if (aud != null && !aud.isNull()) {
      values.add(aud.asText());
    }
    return values;
  }

  /** A NumericDate claim ({@code exp}, {@code nbf}, {@code iat}), or {@code null} when absent or not a number. */
  Instant time(String name) {
    JsonNode value = payload.get(name);
    return value != null && value.isNumber() ? Instant.ofEpochSecond(value.asLong()) : null;
  }
}
