package dev.invokerguard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** Renders a denial as an {@link HttpProblem}; Jackson writes the JSON so every value is escaped. */
final class ProblemRenderer {
  private static final ObjectMapper JSON = new ObjectMapper();

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
    ObjectNode body = JSON.createObjectNode();
    body.put("type", decision.reason().problemType());
    body.put("title", decision.reason().title());
    body.put("status", decision.status());
    body.put("detail", decision.detail() == null ? decision.reason().title() : decision.detail());
    try {
      return new HttpProblem(decision.status(), headers, JSON.writeValueAsString(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a problem body", e);
    }
  }
}
