package dev.invokerguard.samples.s2s;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.invokerguard.client.OutboundTarget;
import dev.invokerguard.client.OutboundTokenException;
import dev.invokerguard.client.OutboundTokens;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;

/**
 * The frontend role: {@code GET /call/PATH} calls the backend's {@code /PATH} with the application's
 * own {@code Authorization: ApiKey ...} and, from {@link OutboundTokens}, the frontend's Google ID
 * token in {@code X-Serverless-Authorization}; it answers with the backend's status and body. When
 * no token can be had it answers 502 and the backend is not called.
 */
final class Frontend {
  private final OutboundTokens tokens;
  private final String backendUrl;
  private final String apiKey;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private Frontend(OutboundTokens tokens, String backendUrl, String apiKey) {
    this.tokens = tokens;
    this.backendUrl = backendUrl;
    this.apiKey = apiKey;
  }

  /**
   * Starts the frontend on {@code host} ({@code null}: every interface); {@code audience} may be null (then
   * the backend URL's scheme and host).
   */
  static HttpServer start(String host, int port, String backendUrl, String audience, String apiKey)
      throws IOException {
    OutboundTarget target = OutboundTarget.of(backendUrl);
    if (audience != null && !audience.isBlank()) {
      target = target.withAudience(audience.strip());
    }
    Frontend frontend =
        new Frontend(OutboundTokens.builder().target(target).build(), stripSlash(backendUrl), apiKey);
    HttpServer server = HttpServer.create(
        host == null ? new InetSocketAddress(port) : new InetSocketAddress(host, port), 0);
    server.setExecutor(Executors.newFixedThreadPool(8));
    server.createContext("/", frontend::handle);
    server.start();
    return server;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getRawPath();
      if (path.equals("/healthz")) {
        send(exchange, 200, "text/plain", "ok\n");
        return;
      }
      if (!path.startsWith("/call/")) {
        send(exchange, 404, "text/plain", "try GET /call/internal/orders\n");
        return;
      }
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(backendUrl + path.substring("/call".length())))
              .timeout(Duration.ofSeconds(30))
              .header("Authorization", "ApiKey " + apiKey)
              .build();
      HttpResponse<String> response;
      try {
        response = client.send(tokens.authorize(request), HttpResponse.BodyHandlers.ofString());
      } catch (OutboundTokenException e) {
        send(exchange, 502, "application/problem+json",
            "{\"title\": \"no ID token for the backend\", \"status\": 502, \"detail\": "
                + Json.string(e.getMessage()) + "}\n");
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        send(exchange, 503, "text/plain", "interrupted\n");
        return;
      }
      send(exchange, response.statusCode(),
          response.headers().firstValue("Content-Type").orElse("application/octet-stream"),
          response.body());
    }
  }

  private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
