package dev.invokerguard.token;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * Fetches one key-set document with an HTTP GET (RFC 9110 section 9.3.1) through the JDK
 * {@link HttpClient}. Redirects are not followed; only a 2xx response is a success; a body larger than
 * {@value #MAX_BODY_BYTES} bytes is a failure. The connect timeout bounds connection set-up and the read
 * timeout bounds the rest of the exchange (headers and body). Returns a value; never throws.
 */
final class KeySetFetcher {
  static final int MAX_BODY_BYTES = 1024 * 1024;

  private final URI uri;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final Duration totalTimeout;
  private volatile @Nullable HttpClient client;

  KeySetFetcher(URI uri, Duration connectTimeout, Duration readTimeout) {
    this.uri = Objects.requireNonNull(uri, "uri");
    this.readTimeout = Objects.requireNonNull(readTimeout, "readTimeout");
    this.totalTimeout = connectTimeout.plus(readTimeout);
    this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
  }

  /**
   * The client, built on the first fetch (which runs on a background thread at start-up): building one
   * initialises the JDK's default TLS context, which the application's start need not wait for.
   */
  private HttpClient client() {
    HttpClient built = client;
    if (built == null) {
      synchronized (this) {
        built = client;
        if (built == null) {
          built = HttpClient.newBuilder()
              .connectTimeout(connectTimeout)
              .followRedirects(HttpClient.Redirect.NEVER)
              .build();
          client = built;
        }
      }
    }
    return built;
  }

  /**
   * A fetched document, or why there is none.
   *
   * @param body the response body (UTF-8), or {@code null} on failure
   * @param headers the response headers, or {@code null} on failure
   * @param error why the fetch failed, or {@code null}
   */
  record Response(@Nullable String body, @Nullable HttpHeaders headers, @Nullable String error) {
    static Response failed(String error) {
      return new Response(null, null, error);
    }

    boolean succeeded() {
      return error == null;
    }
  }

  /** Fetches the document now, on the calling thread. */
  Response fetch() {
    HttpRequest request = HttpRequest.newBuilder(uri)
        .timeout(readTimeout)
        .header("Accept", "application/json")
        .GET()
        .build();
    HttpClient client;
    try {
      client = client();
    } catch (RuntimeException e) {
      return Response.failed("no HTTP client: " + describe(e));
    }
    AtomicBoolean overflowed = new AtomicBoolean();
    CompletableFuture<HttpResponse<byte[]>> exchange = client.sendAsync(request, info -> bodyHandler(info,
        overflowed));
    try {
      HttpResponse<byte[]> response = exchange.get(totalTimeout.toMillis(), TimeUnit.MILLISECONDS);
      int status = response.statusCode();
      if (status < 200 || status > 299) {
        return Response.failed("HTTP status " + status + (status / 100 == 3 ? " (redirects are not followed)" : ""));
      }
      return new Response(new String(response.body(), StandardCharsets.UTF_8), response.headers(), null);
    } catch (TimeoutException e) {
      exchange.cancel(true);
      return Response.failed("timed out after " + totalTimeout.toMillis() + " ms");
    } catch (InterruptedException e) {
      exchange.cancel(true);
      Thread.currentThread().interrupt();
      return Response.failed("interrupted");
    } catch (ExecutionException e) {
      return Response.failed(overflowed.get() ? tooLarge() : describe(e.getCause()));
    }
  }

  private static String describe(Throwable cause) {
    if (cause instanceof HttpConnectTimeoutException) {
      return "connect timed out";
    }
    if (cause instanceof HttpTimeoutException) {
      return "read timed out";
    }
    String message = cause == null ? null : cause.getMessage();
    String type = cause == null ? "unknown error" : cause.getClass().getSimpleName();
    return message == null ? type : type + ": " + message;
  }

  private static String tooLarge() {
    return "response body larger than " + MAX_BODY_BYTES + " bytes";
  }

  private static HttpResponse.BodySubscriber<byte[]> bodyHandler(HttpResponse.ResponseInfo info,
      AtomicBoolean overflowed) {
    if (info.statusCode() < 200 || info.statusCode() > 299) {
      return HttpResponse.BodySubscribers.replacing(new byte[0]);
    }
    return new LimitedBody(MAX_BODY_BYTES, overflowed);
  }

  /** Collects a body up to a limit; past it, raises the flag and cancels the exchange. */
  private static final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final int limit;
    private final AtomicBoolean overflowed;
    private Flow.Subscription subscription;

    LimitedBody(int limit, AtomicBoolean overflowed) {
      this.limit = limit;
      this.overflowed = overflowed;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      this.subscription = subscription;
      subscription.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      for (ByteBuffer item : items) {
        int size = item.remaining();
        if (buffer.size() + size > limit) {
          overflowed.set(true);
          result.completeExceptionally(new IOException("response body larger than " + limit + " bytes"));
          subscription.cancel();
          return;
        }
        byte[] bytes = new byte[size];
        item.get(bytes);
        buffer.write(bytes, 0, size);
      }
      subscription.request(1);
    }

    @Override
    public void onError(Throwable error) {
      result.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
      result.complete(buffer.toByteArray());
    }
  }
}
