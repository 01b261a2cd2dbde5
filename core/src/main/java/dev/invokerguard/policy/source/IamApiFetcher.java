package dev.invokerguard.policy.source;

import com.fasterxml.jackson.databind.JsonNode;
import dev.invokerguard.policy.PolicyText;
import dev.invokerguard.token.StreamingJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Calls a Google API's {@code getIamPolicy} method and returns the IAM policy it answers with:
 * <ul>
 *   <li>Cloud Run Admin API v2, {@code GET {base}/v2/projects/P/locations/L/services/S:getIamPolicy
 *       ?options.requestedPolicyVersion=3}
 *       (<a href="https://cloud.google.com/run/docs/reference/rest/v2/projects.locations.services/getIamPolicy">reference</a>);
 *   <li>Resource Manager v1, {@code POST {base}/v1/projects/P:getIamPolicy} with
 *       {@code {"options":{"requestedPolicyVersion":3}}}
 *       (<a href="https://cloud.google.com/resource-manager/reference/rest/v1/projects/getIamPolicy">reference</a>).
 * </ul>
 * Version 3 is requested so that conditional bindings come back whole
 * (<a href="https://cloud.google.com/iam/docs/policies#versions">policy versions</a>).
 */
final class IamApiFetcher implements DocumentFetcher {
  static final int MAX_BODY = 1024 * 1024;
  private static final String V3_BODY = "{\"options\":{\"requestedPolicyVersion\":3}}";

  private final String location;
  private final URI uri;
  private final boolean post;
  private final ApiCredentials credentials;
  private final HttpClient client;
  private final Duration timeout;

  private IamApiFetcher(String location, URI uri, boolean post, PolicySourceOptions options, HttpClient client) {
    this.location = location;
    this.uri = uri;
    this.post = post;
    this.credentials = options.credentials();
    this.client = client;
    this.timeout = options.requestTimeout();
  }

  static IamApiFetcher cloudRunService(String location, String project, String region, String service,
      PolicySourceOptions options, HttpClient client) {
    URI uri = URI.create(base(options.cloudRunBase()) + "/v2/projects/" + project + "/locations/" + region
        + "/services/" + service + ":getIamPolicy?options.requestedPolicyVersion=3");
    return new IamApiFetcher(location, uri, false, options, client);
  }

  static IamApiFetcher project(String location, String project, PolicySourceOptions options,
      HttpClient client) {
    URI uri = URI.create(base(options.resourceManagerBase()) + "/v1/projects/" + project + ":getIamPolicy");
    return new IamApiFetcher(location, uri, true, options, client);
  }

  URI uri() {
    return uri;
  }

  @Override
  public Fetched fetch() throws IOException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
        .header("Accept", "application/json");
    for (Map.Entry<String, List<String>> header : credentials.requestHeaders(uri).entrySet()) {
      for (String value : header.getValue()) {
        request.header(header.getKey(), value);
      }
    }
    if (post) {
      request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(V3_BODY));
    } else {
      request.GET();
    }
    HttpResponse<byte[]> response;
    try {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (HttpTimeoutException e) {
      throw new IOException("timed out after " + timeout.toMillis() + " ms: " + uri, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted: " + uri, e);
    }
    byte[] bytes = response.body();
    if (bytes.length > MAX_BODY) {
      throw new IOException("the response of " + uri + " is larger than " + MAX_BODY + " bytes");
    }
    String body = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    if (response.statusCode() != 200) {
      throw failure(uri, response, body);
    }
    return new Fetched(PolicyText.json(location, body), etag(body));
  }

  private static String etag(String body) {
    try {
      JsonNode etag = StreamingJson.readLenient(body).get("etag");
      return etag != null && etag.isTextual() ? etag.asText() : DocumentFetcher.contentEtag(body);
    } catch (IOException | RuntimeException e) {
      return DocumentFetcher.contentEtag(body);
    }
  }

  /**
   * The exception for a non-200 answer: {@link DocumentFetcher.RateLimited} for HTTP 429 or a
   * {@code RESOURCE_EXHAUSTED} status (with the answer's {@code Retry-After}), else an {@link IOException}.
   */
  static IOException failure(URI uri, HttpResponse<?> response, String body) {
    String message = "HTTP " + response.statusCode() + " from " + uri + errorMessage(body);
    if (response.statusCode() == 429 || body.contains("RESOURCE_EXHAUSTED")) {
      return new DocumentFetcher.RateLimited(message,
          retryAfter(response.headers().firstValue("Retry-After").orElse(null)));
    }
    return new IOException(message);
  }

  /** {@code Retry-After}: delay-seconds or an HTTP-date (RFC 9110 section 10.2.3); {@code null} when neither. */
  static java.time.@Nullable Duration retryAfter(@Nullable String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      long seconds = Long.parseLong(value.strip());
      return seconds < 0 ? null : java.time.Duration.ofSeconds(Math.min(seconds, 86_400));
    } catch (NumberFormatException e) {
      try {
        java.time.Instant at = java.time.ZonedDateTime.parse(value.strip(),
            java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        java.time.Duration d = java.time.Duration.between(java.time.Instant.now(), at);
        return d.isNegative() ? java.time.Duration.ZERO : d;
      } catch (java.time.format.DateTimeParseException notADate) {
        return null;
      }
    }
  }

  /** Google's {@code error.message}, e.g. the permission the caller lacks. */
  private static String errorMessage(String body) {
    try {
      JsonNode message = StreamingJson.readLenient(body).path("error").path("message");
      if (message.isTextual()) {
        String text = message.asText();
        return ": " + (text.length() > 300 ? text.substring(0, 300) + "..." : text);
      }
    } catch (IOException | RuntimeException e) {
      // not Google's error JSON: the status says enough
    }
    return "";
  }

  private static String base(URI base) {
    String text = base.toString();
    return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
  }
}
