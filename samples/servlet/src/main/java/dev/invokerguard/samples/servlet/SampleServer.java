package dev.invokerguard.samples.servlet;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The sample service: an embedded Jetty 12 server whose only servlet answers every GET path with
 * {@code 200 {"principal": ..., "path": ...}} (DESIGN.md, "The sample contract"), behind a filter.
 */
public final class SampleServer implements AutoCloseable {
  static final int REQUEST_HEADER_SIZE = 32 * 1024;

  private final Server server;
  private final ServerConnector connector;

  private SampleServer(Server server, ServerConnector connector) {
    this.server = server;
    this.connector = connector;
  }

  /**
   * Starts the service on every interface.
   *
   * @param port the port, or 0 for any free one
   * @param filter the filter in front of the servlet (the invoker check); {@code null} only to measure the
   *     service without it
   */
  public static SampleServer start(int port, Filter filter) throws Exception {
    return start(null, port, filter);
  }

  /** Starts the service on one interface ({@code null} for all). */
  public static SampleServer start(String host, int port, Filter filter) throws Exception {
    Server server = new Server();
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    // Above the guard's own 16 KiB credential limit, so that an oversized token gets the guard's 400
    // problem answer; larger headers still get Jetty's 431.
    http.setRequestHeaderSize(REQUEST_HEADER_SIZE);
    ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost(host);
    connector.setPort(port);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/");
    if (filter != null) {
      context.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST));
    }
    context.addServlet(new ServletHolder(new PrincipalServlet()), "/*");
    server.setHandler(context);
    // Jetty's own refusals (URI compliance, malformed requests) answer problem+json like the guard.
    server.setErrorHandler(new ProblemErrorHandler());
    server.setStopAtShutdown(true);
    try {
      server.start();
    } catch (Exception e) {
      server.stop();
      throw e;
    }
    return new SampleServer(server, connector);
  }

  /** The port it listens on. */
  public int port() {
    return connector.getLocalPort();
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }
}
