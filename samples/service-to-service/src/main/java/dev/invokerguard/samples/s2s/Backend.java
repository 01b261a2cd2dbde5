package dev.invokerguard.samples.s2s;

import dev.invokerguard.identity.Caller;
import dev.invokerguard.runtime.GuardSettings;
import dev.invokerguard.servlet.InvokerGuardFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Locale;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;

/**
 * The backend role: an embedded Jetty server behind {@link InvokerGuardFilter}, configured by the
 * {@code INVOKERGUARD_*} variables. Allowed GETs answer {@code {"principal", "path",
 * "applicationAuthorization"}}: the caller's IAM member, the path, and the scheme of the
 * application's own {@code Authorization} header (e.g. {@code ApiKey}) when the Google token came in
 * {@code X-Serverless-Authorization}.
 */
final class Backend {
  private Backend() {}

  /** Starts the backend on {@code host} ({@code null}: every interface) and {@code port}. */
  static Server start(String host, int port, GuardSettings settings) throws Exception {
    Server server = new Server(host == null ? new InetSocketAddress(port) : new InetSocketAddress(host, port));
    ServletContextHandler context = new ServletContextHandler("/");
    context.addFilter(
        new FilterHolder(new InvokerGuardFilter(settings)), "/*", EnumSet.of(DispatcherType.REQUEST));
    context.addServlet(new ServletHolder(new EchoServlet()), "/*");
    server.setHandler(context);
    server.setStopAtShutdown(true);
    server.start();
    return server;
  }

  static final class EchoServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
      Caller caller = (Caller) request.getAttribute(InvokerGuardFilter.CALLER_ATTRIBUTE);
      String principal = caller == null ? Caller.ALL_USERS : caller.principal();
      String authorization = request.getHeader("Authorization");
      String scheme = "none";
      if (authorization != null && !authorization.isBlank()) {
        scheme = authorization.strip().split(" ", 2)[0];
        if (scheme.toLowerCase(Locale.ROOT).equals("bearer")) {
          scheme = "Bearer (the Google token)";
        }
      }
      String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
      byte[] body =
          ("{\"principal\": " + Json.string(principal) + ", \"path\": " + Json.string(path)
                  + ", \"applicationAuthorization\": " + Json.string(scheme) + "}\n")
              .getBytes(StandardCharsets.UTF_8);
      response.setStatus(200);
      response.setContentType("application/json");
      response.setContentLength(body.length);
      response.getOutputStream().write(body);
    }
  }
}
