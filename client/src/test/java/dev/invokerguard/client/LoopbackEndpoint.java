package dev.invokerguard.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A JDK {@code HttpServer} on 127.0.0.1 answering every request with what {@code answer} returns for
 * it (status and JSON body), recording each request.
 */
final class LoopbackEndpoint implements AutoCloseable {
  /** A request as the endpoint got it. */
  record Received(String method, String path, String authorization, String body) {}

  /** What to answer. */
  record Answer(int status, String json) {}

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();

  private LoopbackEndpoint(Function<Received, Answer> answer) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            Received request = read(exchange);
            received.add(request);
            Answer reply;
            try {
              reply = answer.apply(request);
            } catch (RuntimeException e) {
              reply = new Answer(400, "{\"error\":\"" + e.getMessage().replace('"', '\'') + "\"}");
            }
            byte[] body = reply.json().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json; charset=UTF-8");
            exchange.sendResponseHeaders(reply.status(), body.length);
            exchange.getResponseBody().write(body);
          }
        });
    server.start();
  }

  static LoopbackEndpoint start(Function<Received, Answer> answer) throws IOException {
    return new LoopbackEndpoint(answer);
  }

  private static Received read(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    return new Received(
        exchange.getRequestMethod(),
        exchange.getRequestURI().getRawPath(),
        exchange.getRequestHeaders().getFirst("Authorization"),
        body);
  }

  /** {@code http://127.0.0.1:PORT}. */
  String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  List<Received> received() {
    return received;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
