package dev.invokerguard.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback stand-in for the Cloud Run (Compute Engine) metadata server's identity endpoint, <a
 * href="https://cloud.google.com/run/docs/container-contract#metadata-server">container contract</a>:
 * {@code GET /computeMetadata/v1/instance/service-accounts/default/identity?audience=AUD&format=full}
 * with {@code Metadata-Flavor: Google} answers an ID token for {@code AUD} signed by a {@link
 * TestIssuer} (with {@code email} under {@code format=full}, the default shape without it otherwise).
 * It also answers the root path with {@code Metadata-Flavor: Google}, as Google Auth Library's
 * detection expects, and the service account's {@code email}.
 *
 * <p>Point Google Auth Library at it with {@code GCE_METADATA_HOST=}{@link #host()} in the
 * environment of the process (and {@code NO_GCE_CHECK} unset: {@code true} turns the metadata
 * server off), and {@code ComputeEngineCredentials} runs unchanged.
 */
public final class FakeMetadataServer implements AutoCloseable {
  /** The identity endpoint's path. */
  public static final String IDENTITY_PATH =
      "/computeMetadata/v1/instance/service-accounts/default/identity";

  private static final String EMAIL_PATH =
      "/computeMetadata/v1/instance/service-accounts/default/email";

  private final TestIssuer issuer;
  private final String email;
  private final HttpServer server;
  private final ExecutorService executor;
  private final AtomicInteger identityRequests = new AtomicInteger();
  private final List<String> audiences = new CopyOnWriteArrayList<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile int status = 200;
  private volatile Duration lifetime = Duration.ofHours(1);

  private FakeMetadataServer(TestIssuer issuer, String email) {
    this.issuer = issuer;
    this.email = email;
    this.executor =
        Executors.newCachedThreadPool(
            task -> {
              Thread thread = new Thread(task, "fake-metadata-server");
              thread.setDaemon(true);
              return thread;
            });
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    } catch (IOException e) {
      executor.shutdownNow();
      throw new UncheckedIOException("cannot start the fake metadata server", e);
    }
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /**
   * Starts a metadata server on 127.0.0.1 at an ephemeral port whose service account is {@code
   * email}; its tokens are signed by {@code issuer}.
   */
  public static FakeMetadataServer start(TestIssuer issuer, String email) {
    Objects.requireNonNull(issuer, "issuer");
    if (email == null || !email.contains("@")) {
      throw new IllegalArgumentException("a service account email is required: " + email);
    }
    return new FakeMetadataServer(issuer, email);
  }

  /** {@code 127.0.0.1:PORT}: the value of {@code GCE_METADATA_HOST}. */
  public String host() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  /** {@code http://127.0.0.1:PORT}. */
  public URI uri() {
    return URI.create("http://" + host());
  }

  /** The service account whose tokens it mints. */
  public String email() {
    return email;
  }

  /** How many identity requests it received (answered or refused). */
  public int identityRequests() {
    return identityRequests.get();
  }

  /** The {@code audience} of each identity request, in order. */
  public List<String> audiences() {
    return List.copyOf(audiences);
  }

  /** Answers identity requests with {@code status} from now on (200 restores tokens). */
  public void status(int status) {
    if (status < 200 || status > 599) {
      throw new IllegalArgumentException("status must be between 200 and 599: " + status);
    }
    this.status = status;
  }

  /** The lifetime of the tokens minted from now on (one hour by default, as Google's). */
  public void tokenLifetime(Duration lifetime) {
    if (lifetime.isNegative() || lifetime.isZero()) {
      throw new IllegalArgumentException("lifetime must be positive: " + lifetime);
    }
    this.lifetime = lifetime;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      exchange.getResponseHeaders().set("Metadata-Flavor", "Google");
      String path = exchange.getRequestURI().getPath();
      if (path.equals("/")) {
        send(exchange, 200, "computeMetadata/\n");
        return;
      }
      if (!"Google".equals(exchange.getRequestHeaders().getFirst("Metadata-Flavor"))) {
        send(exchange, 403, "Missing required header: Metadata-Flavor: Google\n");
        return;
      }
      if (path.equals(EMAIL_PATH)) {
        send(exchange, 200, email);
        return;
      }
      if (!path.equals(IDENTITY_PATH)) {
        send(exchange, 404, "not found\n");
        return;
      }
      identityRequests.incrementAndGet();
      Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
      String audience = query.get("audience");
      if (audience == null || audience.isEmpty()) {
        send(exchange, 400, "non-empty audience parameter required\n");
        return;
      }
      audiences.add(audience);
      int answer = status;
      if (answer != 200) {
        send(exchange, answer, "metadata server status " + answer + "\n");
        return;
      }
      TokenBuilder token =
          "full".equals(query.get("format"))
              ? issuer.serviceAccount(email)
              : issuer.metadataServerDefault(TestIssuer.numericId(email));
      send(exchange, 200, token.audience(audience).expiresIn(lifetime).sign());
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> values = new LinkedHashMap<>();
    if (raw == null) {
      return values;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      values.putIfAbsent(
          URLDecoder.decode(name, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return values;
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/text");
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
