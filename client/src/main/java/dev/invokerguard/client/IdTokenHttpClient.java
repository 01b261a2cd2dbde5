package dev.invokerguard.client;

import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * A JDK {@link HttpClient} that adds the application's Google ID token to every request to a
 * configured target (Cloud Run <a
 * href="https://cloud.google.com/run/docs/authenticating/service-to-service">service-to-service
 * authentication</a>) and sends it through the client it wraps; requests to other URLs pass
 * unchanged. {@link #send} waits for a mint on the calling thread when no valid token is held; {@link
 * #sendAsync} never does: it returns at once and the request goes out when the token is there. When no
 * token can be had nothing is sent: {@code send} throws, {@code sendAsync}'s future fails, with
 * {@link OutboundTokenException}.
 *
 * <pre>{@code
 * HttpClient client = IdTokenHttpClient.wrap(HttpClient.newHttpClient(),
 *     OutboundTokens.builder().target("https://backend-abc-uc.a.run.app").build());
 * }</pre>
 *
 * <p>It does not own the client it wraps; WebSocket requests are not authorized. The wrapped client must
 * not follow redirects ({@link HttpClient.Redirect#NEVER}, the JDK's default): the JDK carries a request's
 * headers to the redirect's location, which would hand the ID token to another host.
 */
public final class IdTokenHttpClient extends HttpClient {
  private final HttpClient delegate;
  private final OutboundTokens tokens;

  private IdTokenHttpClient(HttpClient delegate, OutboundTokens tokens) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.tokens = Objects.requireNonNull(tokens, "tokens");
  }

  /**
   * {@code delegate} with ID tokens added to requests to {@code tokens}' targets.
   *
   * @throws IllegalArgumentException when {@code delegate} follows redirects
   */
  public static IdTokenHttpClient wrap(HttpClient delegate, OutboundTokens tokens) {
    if (delegate.followRedirects() != Redirect.NEVER) {
      throw new IllegalArgumentException("the wrapped HttpClient follows redirects (" + delegate.followRedirects()
          + "): it would send the ID token to the redirect's host; build it with Redirect.NEVER (the default)");
    }
    return new IdTokenHttpClient(delegate, tokens);
  }

  @Override
  public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
      throws IOException, InterruptedException {
    return delegate.send(tokens.authorize(request), handler);
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(
      HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    return sendAsync(request, handler, null);
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(
      HttpRequest request,
      HttpResponse.BodyHandler<T> handler,
      HttpResponse.PushPromiseHandler<T> pushPromises) {
    return tokens
        .headerAsync(request.uri(), name -> request.headers().firstValue(name).isPresent())
        .thenCompose(header -> delegate.sendAsync(with(request, header), handler, pushPromises));
  }

  private static HttpRequest with(HttpRequest request, Optional<OutboundHeader> header) {
    if (header.isEmpty()) {
      return request;
    }
    return HttpRequest.newBuilder(request, (name, value) -> true)
        .header(header.get().name(), header.get().value())
        .build();
  }

  @Override
  public Optional<CookieHandler> cookieHandler() {
    return delegate.cookieHandler();
  }

  @Override
  public Optional<Duration> connectTimeout() {
    return delegate.connectTimeout();
  }

  @Override
  public Redirect followRedirects() {
    return delegate.followRedirects();
  }

  @Override
  public Optional<ProxySelector> proxy() {
    return delegate.proxy();
  }

  @Override
  public SSLContext sslContext() {
    return delegate.sslContext();
  }

  @Override
  public SSLParameters sslParameters() {
    return delegate.sslParameters();
  }

  @Override
  public Optional<Authenticator> authenticator() {
    return delegate.authenticator();
  }

  @Override
  public Version version() {
    return delegate.version();
  }

  @Override
  public Optional<Executor> executor() {
    return delegate.executor();
  }

  @Override
  public WebSocket.Builder newWebSocketBuilder() {
    return delegate.newWebSocketBuilder();
  }

  @Override
  public String toString() {
    return "IdTokenHttpClient[" + tokens.targets() + "]";
  }
}
