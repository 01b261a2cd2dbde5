package dev.invokerguard.request;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What InvokerGuard needs to know about an HTTP request, as a framework adapter received it.
 *
 * <p>The guard reads only the headers named in {@link #HEADERS_READ}; an adapter copies those (all their
 * values) and no others, so that a request with many or large unrelated headers costs nothing extra.
 *
 * @param method the HTTP method, as sent ({@code GET}, {@code OPTIONS}, ...)
 * @param host the {@code Host} (or {@code :authority}) as sent, possibly with a port
 * @param path the raw path as received: percent-escapes intact, no query string
 * @param headers header values, read-only; names are kept in lower case (RFC 9110 section 5.1: field names
 *     are case-insensitive), and values of names that differ only in case are merged
 */
public record AccessRequest(String method, String host, String path, Map<String, List<String>> headers) {
  /** {@code x-serverless-authorization}: Cloud Run's credential header when {@code Authorization} is the app's. */
  public static final String SERVERLESS_AUTHORIZATION = "x-serverless-authorization";
  /** {@code authorization}: the bearer token (RFC 6750 section 2.1). */
  public static final String AUTHORIZATION = "authorization";
  /** {@code x-goog-iap-jwt-assertion}: the assertion IAP signs, when accepted. */
  public static final String IAP_ASSERTION = "x-goog-iap-jwt-assertion";
  /** {@code origin}: with {@link #ACCESS_CONTROL_REQUEST_METHOD}, marks a CORS preflight (Fetch standard). */
  public static final String ORIGIN = "origin";
  /** {@code access-control-request-method}: a CORS preflight's requested method. */
  public static final String ACCESS_CONTROL_REQUEST_METHOD = "access-control-request-method";
  /** {@code traceparent}: W3C Trace Context, for the decision log. */
  public static final String TRACEPARENT = "traceparent";
  /** {@code x-cloud-trace-context}: Google Cloud's trace header, for the decision log. */
  public static final String CLOUD_TRACE_CONTEXT = "x-cloud-trace-context";

  /** Every header the guard reads, in lower case: the ones an adapter copies into an access request. */
  public static final List<String> HEADERS_READ = List.of(SERVERLESS_AUTHORIZATION, AUTHORIZATION, IAP_ASSERTION,
      ORIGIN, ACCESS_CONTROL_REQUEST_METHOD, TRACEPARENT, CLOUD_TRACE_CONTEXT);

  public AccessRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(headers, "headers");
    headers = headers instanceof Frozen ? headers : lowerCaseCopy(headers);
  }

  /** Every value of a header, in order; empty when absent. The name is case-insensitive. */
  public List<String> headerValues(String name) {
    List<String> values = headers.get(name);
    if (values == null) {
      values = headers.get(name.toLowerCase(Locale.ROOT));
    }
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
    return new Frozen(copy);
  }

  /** Headers already in lower case with read-only values, made here: taken as they are, not copied again. */
  private static final class Frozen extends AbstractMap<String, List<String>> {
    private final Map<String, List<String>> map;

    Frozen(Map<String, List<String>> map) {
      this.map = map;
    }

    @Override
    public List<String> get(Object key) {
      return map.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
      return map.containsKey(key);
    }

    @Override
    public int size() {
      return map.size();
    }

    @Override
    public Set<Entry<String, List<String>>> entrySet() {
      return Collections.unmodifiableMap(map).entrySet();
    }
  }

  /** Builds an {@link AccessRequest} one header value at a time. */
  public static final class Builder {
    private final String method;
    private final String host;
    private final String path;
    private final Map<String, List<String>> headers = new HashMap<>(8);

    private Builder(String method, String host, String path) {
      this.method = method;
      this.host = host;
      this.path = path;
    }

    /** Adds one value of a header (call again for a repeated header). */
    public Builder header(String name, String value) {
      Objects.requireNonNull(value, name);
      String key = name.toLowerCase(Locale.ROOT);
      List<String> earlier = headers.get(key);
      if (earlier == null) {
        headers.put(key, List.of(value));
      } else {
        List<String> merged = new ArrayList<>(earlier.size() + 1);
        merged.addAll(earlier);
        merged.add(value);
        headers.put(key, List.copyOf(merged));
      }
      return this;
    }

    /** An access request with the headers added so far; the builder can go on being used. */
    public AccessRequest build() {
      return new AccessRequest(method, host, path, new Frozen(new HashMap<>(headers)));
    }
  }
}
