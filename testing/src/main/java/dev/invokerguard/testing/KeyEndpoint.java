package dev.invokerguard.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A loopback HTTP server that publishes key documents at fixed paths, with the caching headers of
 * Google's key endpoints. Its status, delay and {@code max-age} can be changed while it runs, and it
 * counts the requests it receives on those paths.
 */
final class KeyEndpoint implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor;
  private final Map<String, Supplier<String>> documents;
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile int status = 200;
  private volatile Duration delay = Duration.ZERO;
  private volatile Duration maxAge = Duration.ofHours(1);

  /** Starts serving {@code documents} (path to JSON body) on 127.0.0.1 at an ephemeral port. */
  KeyEndpoint(Map<String, Supplier<String>> documents) {
    this.documents = Map.copyOf(documents);
    this.executor =
        Executors.newCachedThreadPool(
            task -> {
              Thread thread = new Thread(task, "test-issuer-keys");
              thread.setDaemon(true);
              return thread;
            });
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    } catch (IOException e) {
      executor.shutdownNow();
      throw new UncheckedIOException("cannot start the key endpoint", e);
    }
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  void status(int status) {
    if (status < 200 || status > 599) {
      throw new IllegalArgumentException("status must be between 200 and 599: " + status);
    }
    this.status = status;
  }

  void delay(Duration delay) {
    if (delay.isNegative()) {
      throw new IllegalArgumentException("delay must not be negative: " + delay);
    }
    this.delay = delay;
  }

  Duration maxAge() {
    return maxAge;
  }

  void maxAge(Duration maxAge) {
    if (maxAge.isNegative()) {
      throw new IllegalArgumentException("max-age must not be negative: " + maxAge);
    }
    this.maxAge = maxAge;
  }

  int requests() {
    return requests.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Supplier<String> document = documents.get(exchange.getRequestURI().getPath());
      if (document == null) {
        send(exchange, 404, "text/plain; charset=UTF-8", "not found\n");
        return;
      }
      if (!"GET".equals(exchange.getRequestMethod())) {
        exchange.getResponseHeaders().set("Allow", "GET");
        send(exchange, 405, "text/plain; charset=UTF-8", "method not allowed\n");
        return;
      }
      requests.incrementAndGet();
      if (!pause()) {
        return;
      }
      int answer = status;
      if (answer != 200) {
        send(exchange, answer, "text/plain; charset=UTF-8", "key endpoint status " + answer + "\n");
        return;
      }
      exchange
          .getResponseHeaders()
          .set(
              "Cache-Control",
              "public, max-age=" + maxAge.toSeconds() + ", must-revalidate, no-transform");
      send(exchange, 200, "application/json; charset=UTF-8", document.get());
    }
  }

  /** Waits for the configured delay; false when the server is closing. */
  private boolean pause() {
    Duration wait = delay;
    if (wait.isZero()) {
      return true;
    }
    try {
      Thread.sleep(wait.toMillis());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void send(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    if (status == 204 || status == 304) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    server.stop(0);
    executor.shutdownNow();
  }
}
