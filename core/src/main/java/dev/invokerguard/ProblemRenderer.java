package dev.invokerguard;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.invokerguard.token.StreamingJson;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Renders a denial as an {@link HttpProblem} (RFC 9457); Jackson's JSON generator writes the body so every value
 * is escaped.
 */
final class ProblemRenderer {
  private ProblemRenderer() {}

  static HttpProblem render(Decision decision) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", HttpProblem.CONTENT_TYPE);
    headers.put("Cache-Control", "no-store");
    if (decision.wwwAuthenticate() != null) {
      headers.put("WWW-Authenticate", decision.wwwAuthenticate());
    }
    if (decision.retryAfter() != null) {
      headers.put("Retry-After", Long.toString(Math.max(1, decision.retryAfter().toSeconds())));
    }
    StringWriter body = new StringWriter();
    try (JsonGenerator json = StreamingJson.generator(body)) {
      json.writeStartObject();
      json.writeStringField("type", decision.reason().problemType());
      json.writeStringField("title", decision.reason().title());
      json.writeNumberField("status", decision.status());
      json.writeStringField("detail", decision.detail() == null ? decision.reason().title() : decision.detail());
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a problem body", e);
    }
    return new HttpProblem(decision.status(), headers, body.toString());
  }
}
