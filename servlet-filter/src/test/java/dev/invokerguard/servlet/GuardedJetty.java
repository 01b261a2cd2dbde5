package dev.invokerguard.servlet;

import dev.invokerguard.identity.Caller;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * An embedded Jetty 12 (ee10) server with a filter in front of a servlet that answers every request with
 * the adapter contract's echo ({@code {"principal": ..., "path": ...}}, see
 * {@link dev.invokerguard.tck.AdapterContractSuite}) and records what the container routed (server name,
 * decoded path) and what the filter exposed. Request headers up to 32 KiB are accepted, so that the guard's
 * own 16 KiB credential limit answers long tokens.
 */
final class GuardedJetty implements AutoCloseable {
  /** What the servlet saw of one request. */
  record Seen(String serverName, String path, String principal, String authType, Caller caller) {}

  static final int REQUEST_HEADER_SIZE = 32 * 1024;

  final List<Seen> seen = new CopyOnWriteArrayList<>();
  private final Server server;
  private final ServerConnector connector;

  GuardedJetty(Filter filter, Map<String, String> initParameters) throws Exception {
    server = new Server();
    HttpConfiguration http = new HttpConfiguration();
    http.setRequestHeaderSize(REQUEST_HEADER_SIZE);
    connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/");
    FilterHolder holder = filter == null ? new FilterHolder(InvokerGuardFilter.class) : new FilterHolder(filter);
    holder.setInitParameters(initParameters);
    context.addFilter(holder, "/*", EnumSet.of(DispatcherType.REQUEST));
    context.addServlet(new ServletHolder(new Echo()), "/*");
    server.setHandler(context);
    try {
      server.start();
    } catch (Exception e) {
      server.stop();
      throw e;
    }
  }

  int port() {
    return connector.getLocalPort();
  }

  boolean running() {
    return server.isRunning();
  }

  /** Sends raw bytes as one HTTP/1.1 exchange and returns the whole response text. */
  String raw(String request) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port()), 20_000);
      socket.setSoTimeout(60_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  /** A GET with the given request-target and headers, {@code Connection: close}. */
  String get(String target, String... headerLines) throws IOException {
    StringBuilder request = new StringBuilder("GET ").append(target).append(" HTTP/1.1\r\n");
    boolean host = false;
    for (String line : headerLines) {
      host |= line.regionMatches(true, 0, "Host:", 0, 5);
      request.append(line).append("\r\n");
    }
    if (!host) {
      request.append("Host: svc.example.com\r\n");
    }
    request.append("Connection: close\r\n\r\n");
    return raw(request.toString());
  }

  /**
   * Waits (up to 90 s) until a request with {@code token} is no longer answered 503: on a loaded machine the
   * start-up key fetch may time out, and the key source retries only after its back-off.
   */
  void awaitKeys(String path, String token) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(90);
    while (status(get(path, "Authorization: Bearer " + token)) == 503 && System.nanoTime() < deadline) {
      Thread.sleep(250);
    }
    seen.clear();
  }

  static int status(String response) {
    return Integer.parseInt(response.substring(9, 12));
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }

  private final class Echo extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
      String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
      String principal = request.getUserPrincipal() == null ? null : request.getUserPrincipal().getName();
      Caller caller = (Caller) request.getAttribute(InvokerGuardFilter.CALLER_ATTRIBUTE);
      seen.add(new Seen(request.getServerName(), path, principal, request.getAuthType(), caller));
      byte[] body = ("{\"principal\": " + json(principal == null ? "allUsers" : principal) + ", \"path\": "
          + json(path) + "}").getBytes(StandardCharsets.UTF_8);
      response.setContentType("application/json");
      response.setContentLength(body.length);
      response.getOutputStream().write(body);
    }

    /** A JSON string literal (RFC 8259 section 7). */
    private static String json(String value) {
      StringBuilder out = new StringBuilder("\"");
      for (char c : value.toCharArray()) {
        if (c == '"' || c == '\\') {
          out.append('\\').append(c);
        } else if (c < 0x20) {
          out.append(String.format("\\u%04x", (int) c));
        } else {
          out.append(c);
        }
      }
      return out.append('"').toString();
    }
  }
}
