package dev.invokerguard;

import java.util.Map;
import java.util.Objects;

/**
 * The HTTP answer to a denied request, framework-free: status, headers ({@code Content-Type},
 * {@code WWW-Authenticate} per <a href="https://www.rfc-editor.org/rfc/rfc6750#section-3">RFC 6750</a>,
 * {@code Retry-After} for 503) and an <a href="https://www.rfc-editor.org/rfc/rfc9457">RFC 9457</a>
 * {@code application/problem+json} body with type, title, status and detail. Adapters copy it out.
 *
 * @param status the HTTP status
 * @param headers the headers to set, in order
 * @param body the JSON body
 */
public record HttpProblem(int status, Map<String, String> headers, String body) {
  public static final String CONTENT_TYPE = "application/problem+json";

  public HttpProblem {
    headers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(headers));
    Objects.requireNonNull(body, "body");
  }
}
