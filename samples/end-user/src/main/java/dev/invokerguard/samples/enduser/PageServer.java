package dev.invokerguard.samples.enduser;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;

/**
 * The web page, served from its own origin ({@code http://localhost:PAGE_PORT}) by the JDK's HTTP server:
 * the page's files from the class path ({@value #RESOURCES}), {@code /config.json} (the mode, the API's
 * URL, the Firebase web configuration) and, in local mode only, {@code POST /local/sign-in}, the local
 * identity provider ({@link LocalIssuer}). Listens on loopback only.
 */
final class PageServer implements AutoCloseable {
  static final String RESOURCES = "end-user/page/";
  private static final Map<String, String> FILES = Map.of(
      "/", "index.html",
      "/index.html", "index.html",
      "/app.js", "app.js",
      "/local-auth.js", "local-auth.js",
      "/firebase-auth.js", "firebase-auth.js",
      "/style.css", "style.css");
  private static final int MAX_FORM_BYTES = 4096;

  private final HttpServer server;
  private final ExecutorService executor;

  private PageServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * Starts serving the page on {@code port} of the loopback interface.
   *
   * @param local local mode's issuer, or {@code null} in production mode (no sign-in endpoint)
   */
  static PageServer start(SampleSettings settings, @Nullable LocalIssuer local) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(),
        settings.pagePort()), 0);
    String config = PageConfig.json(settings);
    server.createContext("/", exchange -> respond(exchange, () -> file(exchange)));
    server.createContext("/config.json", exchange -> respond(exchange, () -> get(exchange)
        ? send(exchange, 200, "application/json", config) : 0));
    if (local != null) {
      server.createContext("/local/sign-in", exchange -> respond(exchange, () -> signIn(exchange, local)));
    }
    ExecutorService executor = Executors.newFixedThreadPool(4, runnable -> {
      Thread thread = new Thread(runnable, "page-server");
      thread.setDaemon(true);
      return thread;
    });
    server.setExecutor(executor);
    server.start();
    return new PageServer(server, executor);
  }

  private interface Handler {
    int handle() throws IOException;
  }

  private static void respond(HttpExchange exchange, Handler handler) {
    try (exchange) {
      handler.handle();
    } catch (IOException | RuntimeException e) {
      // the browser went away, or the answer could not be written: nothing to tell it
    }
  }

  private static boolean get(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    if (method.equals("GET") || method.equals("HEAD")) {
      return true;
    }
    exchange.getResponseHeaders().set("Allow", "GET, HEAD");
    send(exchange, 405, "text/plain", "method not allowed\n");
    return false;
  }

  private static int file(HttpExchange exchange) throws IOException {
    String name = FILES.get(exchange.getRequestURI().getRawPath());
    InputStream in = name == null ? null
        : PageServer.class.getClassLoader().getResourceAsStream(RESOURCES + name);
    if (in == null) {
      return send(exchange, 404, "text/plain", "not found\n");
    }
    if (!get(exchange)) {
      in.close();
      return 405;
    }
    try (in) {
      return send(exchange, 200, contentType(name), new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  private static int signIn(HttpExchange exchange, LocalIssuer local) throws IOException {
    if (!exchange.getRequestMethod().equals("POST")) {
      exchange.getResponseHeaders().set("Allow", "POST");
      return send(exchange, 405, "text/plain", "method not allowed\n");
    }
    String type = exchange.getRequestHeaders().getFirst("Content-Type");
    if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
      return send(exchange, 415, "application/json", "{\"error\":\"send a form (application/x-www-form-urlencoded)\"}");
    }
    byte[] body = exchange.getRequestBody().readNBytes(MAX_FORM_BYTES + 1);
    if (body.length > MAX_FORM_BYTES) {
      return send(exchange, 413, "application/json", "{\"error\":\"form too large\"}");
    }
    Map<String, String> form = form(new String(body, StandardCharsets.UTF_8));
    try {
      LocalIssuer.SignIn signIn = "true".equals(form.get("anonymous")) ? local.signInAnonymously()
          : local.signIn(form.getOrDefault("email", ""), "true".equals(form.get("expired")),
              blankToNull(form.get("tenant")));
      return send(exchange, 200, "application/json", PageConfig.signInJson(signIn));
    } catch (IllegalArgumentException e) {
      return send(exchange, 400, "application/json", "{\"error\":" + PageConfig.quote(e.getMessage()) + "}");
    }
  }

  private static Map<String, String> form(String body) {
    Map<String, String> values = new HashMap<>();
    for (String pair : body.split("&")) {
      int equals = pair.indexOf('=');
      if (equals > 0) {
        try {
          values.putIfAbsent(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
              URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException malformed) {
          // a malformed escape: the field is left out, and a missing email is refused
        }
      }
    }
    return values;
  }

  private static @Nullable String blankToNull(@Nullable String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static String contentType(String name) {
    if (name.endsWith(".html")) {
      return "text/html";
    }
    return name.endsWith(".css") ? "text/css" : "text/javascript";
  }

  private static int send(HttpExchange exchange, int status, String type, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
    return status;
  }

  /** The port the page listens on. */
  int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
