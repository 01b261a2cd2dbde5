package dev.invokerguard.request;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
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
      String lowerCase = name.toLowerCase(Locale.ROOT);
      if (lowerCase != name) { // the same String when the name is already in lower case: nothing more to find
        values = headers.get(lowerCase);
      }
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
    Headers copy = new Headers(Math.max(4, headers.size()));
    headers.forEach((name, values) -> {
      String key = Objects.requireNonNull(name, "header name").toLowerCase(Locale.ROOT);
      copy.add(key, List.copyOf(values));
    });
    return new Frozen(copy);
  }

  /**
   * Header names (lower case) and their values in the order first added, in two arrays: a request carries only
   * the few headers the guard reads, and a lookup by one of the {@link #HEADERS_READ} constants is then found by
   * reference in a scan of a handful of entries, without hashing or a map per request.
   */
  private static final class Headers {
    private String[] names;
    private List<String>[] values;
    private int size;

    @SuppressWarnings("unchecked")
    Headers(int capacity) {
      names = new String[capacity];
      values = new List[capacity];
    }

    @SuppressWarnings("unchecked")
    private Headers(Headers other) {
      names = Arrays.copyOf(other.names, other.size);
      values = Arrays.copyOf(other.values, other.size);
      size = other.size;
    }

    int indexOf(Object name) {
      for (int i = 0; i < size; i++) {
        if (names[i] == name) {
          return i;
        }
      }
      for (int i = 0; i < size; i++) {
        if (names[i].equals(name)) {
          return i;
        }
      }
      return -1;
    }

    /**
     * Adds values of {@code name} (lower case; {@code added} read-only); a repeated name gets its values merged,
     * in order.
     */
    void add(String name, List<String> added) {
      int i = indexOf(name);
      if (i >= 0) {
        List<String> merged = new ArrayList<>(values[i].size() + added.size());
        merged.addAll(values[i]);
        merged.addAll(added);
        values[i] = List.copyOf(merged);
        return;
      }
      if (size == names.length) {
        names = Arrays.copyOf(names, Math.max(4, size * 2));
        values = Arrays.copyOf(values, Math.max(4, size * 2));
      }
      names[size] = name;
      values[size++] = added;
    }

    Headers copy() {
      return new Headers(this);
    }
  }

  /** Headers already in lower case with read-only values, made here: taken as they are, not copied again. */
  private static final class Frozen extends AbstractMap<String, List<String>> {
    private final Headers headers;

    Frozen(Headers headers) {
      this.headers = headers;
    }

    @Override
    public List<String> get(Object key) {
      int i = headers.indexOf(key);
      return i < 0 ? null : headers.values[i];
    }

    @Override
    public boolean containsKey(Object key) {
      return headers.indexOf(key) >= 0;
    }

    @Override
    public int size() {
      return headers.size;
    }

    @Override
    public Set<Entry<String, List<String>>> entrySet() {
      return new AbstractSet<>() {
        @Override
        public Iterator<Entry<String, List<String>>> iterator() {
          return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
              return next < headers.size;
            }

            @Override
            public Entry<String, List<String>> next() {
              if (next >= headers.size) {
                throw new NoSuchElementException();
              }
              int i = next++;
              return new SimpleImmutableEntry<>(headers.names[i], headers.values[i]);
            }
          };
        }

        @Override
        public int size() {
          return headers.size;
        }
      };
    }
  }

  /** Builds an {@link AccessRequest} one header value at a time. */
  public static final class Builder {
    private final String method;
    private final String host;
    private final String path;
    private final Headers headers = new Headers(4);

    private Builder(String method, String host, String path) {
      this.method = method;
      this.host = host;
      this.path = path;
    }

    /** Adds one value of a header (call again for a repeated header). */
    public Builder header(String name, String value) {
      Objects.requireNonNull(value, name);
      headers.add(name.toLowerCase(Locale.ROOT), List.of(value));
      return this;
    }

    /** An access request with the headers added so far; the builder can go on being used. */
    public AccessRequest build() {
      return new AccessRequest(method, host, path, new Frozen(headers.copy()));
    }
  }
}
