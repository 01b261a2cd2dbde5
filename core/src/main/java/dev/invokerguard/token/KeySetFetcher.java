package dev.invokerguard.token;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * Fetches one key-set document with an HTTP GET (RFC 9110 section 9.3.1) on the calling thread (a background
 * refresh thread, never an event loop), through the JDK's {@link HttpURLConnection}: a fetch every few hours
 * needs no connection pool of its own, and this client loads a tenth of the classes of
 * {@code java.net.http.HttpClient} (which also builds the default TLS context even for an {@code http}
 * endpoint); TLS is set up only for an {@code https} endpoint, on its first fetch. The JVM's proxy settings apply,
 * as they do to {@code HttpClient}'s default proxy selector.
 *
 * <p>Redirects are not followed; only a 2xx response is a success; a body larger than {@value #MAX_BODY_BYTES}
 * bytes is a failure. The connect timeout bounds connection set-up, the read timeout each wait for data, and
 * their sum the whole exchange (a server sending its body a byte at a time is cut off). Returns a value; never
 * throws.
 */
final class KeySetFetcher {
  static final int MAX_BODY_BYTES = 1024 * 1024;

  private final URI uri;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final Duration totalTimeout;

  KeySetFetcher(URI uri, Duration connectTimeout, Duration readTimeout) {
    this.uri = Objects.requireNonNull(uri, "uri");
    this.readTimeout = Objects.requireNonNull(readTimeout, "readTimeout");
    this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
    this.totalTimeout = connectTimeout.plus(readTimeout);
  }

  /**
   * A fetched document, or why there is none.
   *
   * @param body the response body (UTF-8), or {@code null} on failure
   * @param headers the response headers by lower-case name, values in order; empty on failure
   * @param error why the fetch failed, or {@code null}
   */
  record Response(@Nullable String body, Map<String, List<String>> headers, @Nullable String error) {
    static Response failed(String error) {
      return new Response(null, Map.of(), error);
    }

    boolean succeeded() {
      return error == null;
    }

    /** Every value of a header, in order; empty when absent. The name is case-insensitive. */
    List<String> allValues(String name) {
      return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    /** The first value of a header. The name is case-insensitive. */
    Optional<String> firstValue(String name) {
      return allValues(name).stream().findFirst();
    }
  }

  /** Fetches the document now, on the calling thread. */
  Response fetch() {
    HttpURLConnection connection;
    try {
      connection = (HttpURLConnection) uri.toURL().openConnection();
    } catch (IOException | IllegalArgumentException | ClassCastException e) {
      return Response.failed("no HTTP connection: " + describe(e));
    }
    AtomicBoolean done = new AtomicBoolean();
    AtomicBoolean cutOff = new AtomicBoolean();
    // the whole exchange is bounded: past it the connection is closed under the reading thread
    CompletableFuture.delayedExecutor(totalTimeout.toMillis(), TimeUnit.MILLISECONDS, Runnable::run)
        .execute(() -> {
          if (done.compareAndSet(false, true)) {
            cutOff.set(true);
            connection.disconnect();
          }
        });
    boolean connected = false;
    try {
      connection.setConnectTimeout(timeoutMillis(connectTimeout));
      connection.setReadTimeout(timeoutMillis(readTimeout));
      connection.setInstanceFollowRedirects(false);
      connection.setUseCaches(false);
      connection.setRequestProperty("Accept", "application/json");
      connection.connect();
      connected = true;
      int status = connection.getResponseCode();
      if (status < 200 || status > 299) {
        connection.disconnect();
        return Response.failed("HTTP status " + status + (status / 100 == 3 ? " (redirects are not followed)" : ""));
      }
      long declared = connection.getContentLengthLong();
      if (declared > MAX_BODY_BYTES) {
        connection.disconnect();
        return Response.failed(tooLarge());
      }
      byte[] body = readLimited(connection);
      if (body == null) {
        connection.disconnect();
        return Response.failed(tooLarge());
      }
      Map<String, List<String>> headers = headers(connection.getHeaderFields());
      if (!done.compareAndSet(false, true)) {
        return Response.failed("timed out after " + totalTimeout.toMillis() + " ms");
      }
      return new Response(new String(body, StandardCharsets.UTF_8), headers, null);
    } catch (IOException | RuntimeException e) {
      connection.disconnect();
      if (cutOff.get()) {
        return Response.failed("timed out after " + totalTimeout.toMillis() + " ms");
      }
      if (e instanceof SocketTimeoutException) {
        return Response.failed(connected ? "read timed out" : "connect timed out");
      }
      return Response.failed(describe(e));
    } finally {
      done.set(true);
    }
  }

  /** The body, or {@code null} when it is larger than {@value #MAX_BODY_BYTES} bytes. */
  private static byte @Nullable [] readLimited(HttpURLConnection connection) throws IOException {
    try (InputStream in = connection.getInputStream()) {
      ByteArrayOutputStream buffer = new ByteArrayOutputStream(8192);
      byte[] chunk = new byte[8192];
      int read;
      while ((read = in.read(chunk)) != -1) {
        if (buffer.size() + read > MAX_BODY_BYTES) {
          return null;
        }
        buffer.write(chunk, 0, read);
      }
      return buffer.toByteArray();
    }
  }

  /** The response headers by lower-case name (names differing only in case merged); the status line left out. */
  private static Map<String, List<String>> headers(Map<String, List<String>> fields) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    fields.forEach((name, values) -> {
      if (name != null && values != null) {
        headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>()).addAll(values);
      }
    });
    headers.replaceAll((name, values) -> List.copyOf(values));
    return Map.copyOf(headers);
  }

  /** Milliseconds for {@link HttpURLConnection}, where 0 would mean no timeout at all. */
  private static int timeoutMillis(Duration timeout) {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
  }

  private static String describe(Throwable cause) {
    String message = cause == null ? null : cause.getMessage();
    String type = cause == null ? "unknown error" : cause.getClass().getSimpleName();
    return message == null ? type : type + ": " + message;
  }

  private static String tooLarge() {
    return "response body larger than " + MAX_BODY_BYTES + " bytes";
  }
}
