package dev.invokerguard.tck;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.invokerguard.Decision;
import dev.invokerguard.DecisionCounts;
import dev.invokerguard.HttpProblem;
import dev.invokerguard.request.AccessRequest;
import dev.invokerguard.runtime.GuardRuntime;
import dev.invokerguard.runtime.GuardSettings;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A small adapter on the JDK's {@code com.sun.net.httpserver} in front of the contract's echo endpoint: it
 * runs the suite in this module, and, given a {@link Fault}, breaks one rule of the contract so that the
 * suite can be seen to catch it.
 */
final class JdkServerAdapter implements RunningAdapter {
  /** One way an adapter can break the contract. */
  enum Fault {
    NONE,
    /** Drops {@code X-Serverless-Authorization} before asking the guard. */
    IGNORES_SERVERLESS_AUTHORIZATION,
    /** Passes only the first value of a repeated header. */
    FIRST_VALUE_OF_REPEATED_HEADERS,
    /** Copies only the status and body of a denial, not its headers. */
    DROPS_DENIAL_HEADERS,
    /** Answers denials with plain text instead of the problem. */
    PLAIN_TEXT_DENIALS,
    /** Serves 503 denials, as if unavailable keys or policy meant "let it through". */
    FAILS_OPEN,
    /** Exposes no principal to the application. */
    HIDES_PRINCIPAL,
    /** Ignores {@code invokerguard.mode}. */
    IGNORES_MODE,
    /** Adds the request's {@code Authorization} header to denials, "for debugging". */
    ECHOES_CREDENTIALS,
    /** Reports UP whatever the guard's health. */
    ALWAYS_UP
  }

  static final int MAX_HEADER_BYTES = 32 * 1024;

  private final GuardRuntime runtime;
  private final HttpServer server;
  private final ExecutorService executor;
  private final Fault fault;

  private JdkServerAdapter(GuardRuntime runtime, HttpServer server, ExecutorService executor, Fault fault) {
    this.runtime = runtime;
    this.server = server;
    this.executor = executor;
    this.fault = fault;
  }

  static JdkServerAdapter start(Map<String, String> settings, Fault fault) throws IOException {
    Map<String, String> used = new HashMap<>(settings);
    if (fault == Fault.IGNORES_MODE) {
      used.remove("invokerguard.mode");
    }
    GuardRuntime runtime = GuardRuntime.start(GuardSettings.fromProperties(used));
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    ExecutorService executor = Executors.newFixedThreadPool(4);
    server.setExecutor(executor);
    JdkServerAdapter adapter = new JdkServerAdapter(runtime, server, executor, fault);
    server.createContext("/", adapter::handle);
    server.start();
    return adapter;
  }

  @Override
  public URI baseUri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  @Override
  public DecisionCounts counts() {
    return runtime.guard().counts();
  }

  @Override
  public Optional<String> healthStatus() {
    return Optional.of(fault == Fault.ALWAYS_UP ? "UP" : runtime.health().status().name());
  }

  @Override
  public void stop() {
    server.stop(0);
    executor.shutdownNow();
    runtime.close();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try {
      List<String> hosts = exchange.getRequestHeaders().getOrDefault("Host", List.of());
      if (hosts.size() != 1) {
        send(exchange, 400, Map.of("Content-Type", "text/plain"), "exactly one Host header, please");
        return;
      }
      long headerBytes = exchange.getRequestHeaders().entrySet().stream().mapToLong(e -> e.getValue().stream()
          .mapToLong(v -> e.getKey().length() + v.length() + 4).sum()).sum();
      if (headerBytes > MAX_HEADER_BYTES) {
        send(exchange, 431, Map.of("Content-Type", "text/plain"), "request header fields too large");
        return;
      }
      URI target = exchange.getRequestURI();
      String rawPath = target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath();
      AccessRequest.Builder request = AccessRequest.builder(exchange.getRequestMethod(), hosts.get(0), rawPath);
      exchange.getRequestHeaders().forEach((name, values) -> {
        if (fault == Fault.IGNORES_SERVERLESS_AUTHORIZATION
            && name.toLowerCase(Locale.ROOT).equals("x-serverless-authorization")) {
          return;
        }
        List<String> passed = fault == Fault.FIRST_VALUE_OF_REPEATED_HEADERS ? values.subList(0, 1) : values;
        passed.forEach(value -> request.header(name, value));
      });
      Decision decision = runtime.guard().check(request.build());
      if (decision.allowed() || (fault == Fault.FAILS_OPEN && decision.status() == 503)) {
        String principal = decision.caller().anonymous() || fault == Fault.HIDES_PRINCIPAL ? "allUsers"
            : decision.caller().principal();
        send(exchange, 200, Map.of("Content-Type", "application/json"), "{\"principal\": \"" + principal
            + "\", \"path\": \"" + target.normalize().getPath() + "\"}");
        return;
      }
      HttpProblem problem = decision.problem().orElseThrow();
      switch (fault) {
        case DROPS_DENIAL_HEADERS -> send(exchange, problem.status(),
            Map.of("Content-Type", problem.headers().get("Content-Type")), problem.body());
        case PLAIN_TEXT_DENIALS -> send(exchange, problem.status(), Map.of("Content-Type", "text/plain"),
            "denied");
        case ECHOES_CREDENTIALS -> send(exchange, problem.status(), problem.headers(),
            problem.body().substring(0, problem.body().length() - 1) + ",\"authorization\":\""
                + String.join(" ", exchange.getRequestHeaders().getOrDefault("Authorization", List.of())) + "\"}");
        default -> send(exchange, problem.status(), problem.headers(), problem.body());
      }
    } finally {
      exchange.close();
    }
  }

  private static void send(HttpExchange exchange, int status, Map<String, String> headers, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
