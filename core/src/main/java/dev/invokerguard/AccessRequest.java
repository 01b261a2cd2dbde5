package dev.invokerguard;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What InvokerGuard needs to know about an HTTP request, as a framework adapter received it.
 *
 * @param method the HTTP method, as sent ({@code GET}, {@code OPTIONS}, ...)
 * @param host the {@code Host} (or {@code :authority}) as sent, possibly with a port
 * @param path the raw path as received: percent-escapes intact, no query string
 * @param headers every header with every value; names compare case-insensitively
 */
public record AccessRequest(String method, String host, String path, Map<String, List<String>> headers) {

  public AccessRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(path, "path");
    headers = caseInsensitiveCopy(Objects.requireNonNull(headers, "headers"));
  }

  /** Every value of a header, in order; empty when absent. */
  public List<String> headerValues(String name) {
    List<String> values = headers.get(name);
    return values == null ? List.of() : values;
  }

  /** The first value of a header. */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  public static Builder builder(String method, String host, String path) {
    return new Builder(method, host, path);
  }

  private static Map<String, List<String>> caseInsensitiveCopy(Map<String, List<String>> headers) {
    SortedMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((name, values) -> {
      Objects.requireNonNull(name, "header name");
      List<String> merged = new ArrayList<>(copy.getOrDefault(name, List.of()));
      merged.addAll(values);
      copy.put(name, List.copyOf(merged));
    });
    return Collections.unmodifiableSortedMap(copy);
  }

  /** Builds an {@link AccessRequest} one header value at a time. */
  public static final class Builder {
    private final String method;
    private final String host;
    private final String path;
    private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    private Builder(String method, String host, String path) {
      this.method = method;
      this.host = host;
      this.path = path;
    }

    /** Adds one value of a header (call again for a repeated header). */
    public Builder header(String name, String value) {
      headers.computeIfAbsent(name, k -> new ArrayList<>()).add(Objects.requireNonNull(value, name));
      return this;
    }

    public AccessRequest build() {
      return new AccessRequest(method, host, path, headers);
    }
  }
}
