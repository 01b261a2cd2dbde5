package dev.invokerguard.token;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.invokerguard.testing.MutableClock;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * A key endpoint on loopback (WireMock), a hand-moved clock and a refresh executor that runs nothing
 * until the test says so: the shared set-up of the {@link HttpKeySource} tests.
 */
abstract class KeyEndpoint {
  static final String PATH = "/oauth2/v3/certs";
  static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  static WireMockServer server;

  MutableClock clock;
  final List<Runnable> queuedRefreshes = new ArrayList<>();
  final Executor manualExecutor = queuedRefreshes::add;
  private final List<HttpKeySource> sources = new ArrayList<>();

  @BeforeAll
  static void startServer() {
    server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    server.start();
  }

  @AfterAll
  static void stopServer() {
    server.stop();
  }

  @BeforeEach
  void resetEndpoint() {
    server.resetAll();
    clock = MutableClock.at(T0);
    queuedRefreshes.clear();
  }

  @AfterEach
  void closeSources() {
    sources.forEach(HttpKeySource::close);
    sources.clear();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.port() + PATH);
  }

  /** A JWK-set source with these settings, refreshing on the manual executor. */
  HttpKeySource source(KeySetSettings settings) {
    return source(settings, manualExecutor);
  }

  HttpKeySource source(KeySetSettings settings, Executor executor) {
    HttpKeySource source = new HttpKeySource(uri(), TokenFamily.KeySetFormat.JWK_SET, settings, clock, executor);
    sources.add(source);
    return source;
  }

  HttpKeySource source() {
    return source(KeySetSettings.defaults());
  }

  /** Serves this body with this Cache-Control (none when null) from now on. */
  void serve(String body, String cacheControl) {
    ResponseDefinitionBuilder response = aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody(body);
    if (cacheControl != null) {
      response = response.withHeader("Cache-Control", cacheControl);
    }
    serve(response);
  }

  void serve(ResponseDefinitionBuilder response) {
    server.stubFor(get(urlEqualTo(PATH)).willReturn(response));
  }

  /** How many times the key endpoint was asked. */
  int fetchCount() {
    return server.countRequestsMatching(getRequestedFor(urlEqualTo(PATH)).build()).getCount();
  }

  /** Fails unless the key endpoint was asked exactly this many times (WireMock's verify). */
  void verifyFetches(int count) {
    server.verify(count, getRequestedFor(urlEqualTo(PATH)));
  }

  void runQueuedRefreshes() {
    List<Runnable> tasks = new ArrayList<>(queuedRefreshes);
    queuedRefreshes.clear();
    tasks.forEach(Runnable::run);
  }
}
