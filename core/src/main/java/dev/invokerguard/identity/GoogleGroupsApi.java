package dev.invokerguard.identity;

import com.fasterxml.jackson.databind.JsonNode;
import dev.invokerguard.identity.GroupLookupException.Code;
import dev.invokerguard.policy.source.ApiCredentials;
import dev.invokerguard.token.StreamingJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * GET calls to a Google API with the JDK {@link HttpClient}, answered as JSON. Credentials are asked for on
 * the executor (refreshing a token may wait on I/O); the call itself is asynchronous. Answers other than 200
 * fail with a {@link GroupLookupException}: 429 as {@code RATE_LIMITED} with its {@code Retry-After}, 5xx as
 * {@code SERVER_ERROR}, 403 as {@code FORBIDDEN}, a timeout as {@code TIMEOUT}.
 */
final class GoogleGroupsApi {
  static final int MAX_BODY = 64 * 1024;

  private final String api;
  private final String base;
  private final ApiCredentials credentials;
  private final HttpClient client;
  private final Duration timeout;
  private final Executor executor;

  GoogleGroupsApi(String api, URI base, ApiCredentials credentials, HttpClient client, Duration timeout,
      Executor executor) {
    String text = base.toString();
    this.api = api;
    this.base = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    this.credentials = credentials;
    this.client = client;
    this.timeout = timeout;
    this.executor = executor;
  }

  /** {@code GET base + pathAndQuery} (already encoded), its JSON answer. */
  CompletableFuture<JsonNode> get(String pathAndQuery) {
    URI uri = URI.create(base + pathAndQuery);
    return CompletableFuture.supplyAsync(() -> request(uri), executor)
        .thenCompose(request -> client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()))
        .handle((response, error) -> {
          if (error != null) {
            throw new CompletionException(failure(uri, error));
          }
          return answer(uri, response);
        });
  }

  private HttpRequest request(URI uri) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json")
        .GET();
    Map<String, List<String>> headers;
    try {
      headers = credentials.requestHeaders(uri);
    } catch (IOException | RuntimeException e) {
      throw new CompletionException(new GroupLookupException(Code.FAILED, "no credentials for the " + api
          + " API: " + e.getMessage(), null, e));
    }
    headers.forEach((name, values) -> values.forEach(value -> request.header(name, value)));
    return request.build();
  }

  private JsonNode answer(URI uri, HttpResponse<byte[]> response) {
    byte[] bytes = response.body();
    String body = new String(bytes, 0, Math.min(bytes.length, MAX_BODY), StandardCharsets.UTF_8);
    int status = response.statusCode();
    if (status == 200) {
      if (bytes.length > MAX_BODY) {
        throw new GroupLookupException(Code.FAILED, "the answer of " + path(uri) + " is larger than " + MAX_BODY
            + " bytes");
      }
      try {
        JsonNode json = StreamingJson.readLenient(body);
        if (json != null && json.isObject()) {
          return json;
        }
      } catch (IOException e) {
        // reported below
      }
      throw new GroupLookupException(Code.FAILED, "the " + api + " API answered " + path(uri)
          + " with something other than a JSON object");
    }
    String what = "the " + api + " API answered HTTP " + status + " to " + path(uri) + message(body);
    if (status == 429) {
      return fail(Code.RATE_LIMITED, what, retryAfter(response.headers().firstValue("Retry-After").orElse(null)));
    }
    if (status >= 500) {
      return fail(Code.SERVER_ERROR, what, null);
    }
    return fail(status == 403 ? Code.FORBIDDEN : Code.FAILED, what, null);
  }

  private static JsonNode fail(Code code, String what, @Nullable Duration retryAfter) {
    throw new GroupLookupException(code, what, retryAfter, null);
  }

  private GroupLookupException failure(URI uri, Throwable error) {
    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    if (cause instanceof GroupLookupException known) {
      return known;
    }
    if (cause instanceof HttpTimeoutException) {
      return new GroupLookupException(Code.TIMEOUT, "the " + api + " API did not answer " + path(uri) + " within "
          + timeout.toMillis() + " ms", null, cause);
    }
    return new GroupLookupException(Code.FAILED, "calling the " + api + " API failed (" + path(uri) + "): "
        + cause, null, cause);
  }

  /** {@code Retry-After} in seconds or as an HTTP date (RFC 9110 section 10.2.3), or {@code null}. */
  static @Nullable Duration retryAfter(@Nullable String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip())));
    } catch (NumberFormatException e) {
      try {
        Duration until = Duration.between(java.time.Instant.now(),
            ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        return until.isNegative() ? Duration.ZERO : until;
      } catch (java.time.format.DateTimeParseException ignored) {
        return null;
      }
    }
  }

  private static String path(URI uri) {
    return uri.getRawPath();
  }

  /** Google's {@code error.message}, shortened. */
  private static String message(String body) {
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
}
