package dev.invokerguard.client;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A loopback HTTP server that answers 204 to everything and keeps each request's headers, in order. */
final class HeaderRecordingBackend implements AutoCloseable {
  private final HttpServer server;
  private final List<Map<String, List<String>>> received = new CopyOnWriteArrayList<>();

  private HeaderRecordingBackend() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            received.add(Map.copyOf(exchange.getRequestHeaders()));
            exchange.sendResponseHeaders(204, -1);
          }
        });
    server.start();
  }

  static HeaderRecordingBackend start() throws IOException {
    return new HeaderRecordingBackend();
  }

  /** {@code http://127.0.0.1:PORT}. */
  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The headers of every request received so far. */
  List<Map<String, List<String>>> received() {
    return received;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
