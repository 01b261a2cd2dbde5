package dev.invokerguard.request;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What InvokerGuard needs to know about an HTTP request, as a framework adapter received it.
 *
 * @param method the HTTP method, as sent ({@code GET}, {@code OPTIONS}, ...)
 * @param host the {@code Host} (or {@code :authority}) as sent, possibly with a port
 * @param path the raw path as received: percent-escapes intact, no query string
 * @param headers every header with every value, read-only; names are kept in lower case (RFC 9110 section
 *     5.1: field names are case-insensitive), and values of names that differ only in case are merged
 */
public record AccessRequest(String method, String host, String path, Map<String, List<String>> headers) {

  public AccessRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(path, "path");
    headers = lowerCaseCopy(Objects.requireNonNull(headers, "headers"));
  }

  /** Every value of a header, in order; empty when absent. The name is case-insensitive. */
  public List<String> headerValues(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null ? List.of() : values;
  }

  /** The first value of a header. The name is case-insensitive. */
  public Optional<String> header(String name) {
    List<String> values = headerValues(name);
    return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  public static Builder builder(String method, String host, String path) {
    return new Builder(method, host, path);
  }

  private static Map<String, List<String>> lowerCaseCopy(Map<String, List<String>> headers) {
    Map<String, List<String>> copy = new HashMap<>(Math.max(4, headers.size() * 2));
    headers.forEach((name, values) -> {
      String key = Objects.requireNonNull(name, "header name").toLowerCase(Locale.ROOT);
      List<String> earlier = copy.get(key);
      if (earlier == null) {
        copy.put(key, List.copyOf(values));
      } else {
        List<String> merged = new ArrayList<>(earlier);
        merged.addAll(values);
        copy.put(key, List.copyOf(merged));
      }
    });
    return Collections.unmodifiableMap(copy);
  }

  /** Builds an {@link AccessRequest} one header value at a time. */
  public static final class Builder {
    private final String method;
    private final String host;
    private final String path;
    private final Map<String, List<String>> headers = new HashMap<>();

    private Builder(String method, String host, String path) {
      this.method = method;
      this.host = host;
      this.path = path;
    }

    /** Adds one value of a header (call again for a repeated header). */
    public Builder header(String name, String value) {
      headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>(1))
          .add(Objects.requireNonNull(value, name));
      return this;
    }

    public AccessRequest build() {
      return new AccessRequest(method, host, path, headers);
    }
  }
}
