package dev.invokerguard.micronaut.client;

import dev.invokerguard.client.OutboundHeader;
import dev.invokerguard.client.OutboundTokens;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.annotation.ClientFilter;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.client.HttpClient;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Adds the application's Google ID token to every Micronaut HTTP client request to a target of {@code
 * invokerguard.client.targets} (Cloud Run <a
 * href="https://cloud.google.com/run/docs/authenticating/service-to-service">service-to-service
 * authentication</a>): in {@code Authorization}, or in {@code X-Serverless-Authorization} when the
 * request already carries an {@code Authorization} of its own (never overwritten). Requests to other
 * URLs pass unchanged.
 *
 * <p>Never waits on the Netty event loop: while a valid token is held it is added at once, on the
 * calling thread; a mint (no token yet, or the last one expired) runs on Google Auth Library's
 * refresh threads and the request continues from there when the token is there. When no token can be
 * had the request is not sent and the call fails with {@code OutboundTokenException}. Runs after the
 * application's own client filters, so an {@code Authorization} they add is seen.
 */
@ClientFilter(ClientFilter.MATCH_ALL_PATTERN)
@Requires(classes = {HttpClient.class, OutboundTokens.class})
@Requires(beans = OutboundTokens.class)
public final class IdTokenClientFilter implements Ordered {
  /** The filter's order: after the application's filters of default order. */
  public static final int ORDER = Ordered.LOWEST_PRECEDENCE - 1000;

  private final OutboundTokens tokens;

  /** A filter adding {@code tokens}' headers. */
  public IdTokenClientFilter(OutboundTokens tokens) {
    this.tokens = Objects.requireNonNull(tokens, "tokens");
  }

  /** The request, with its ID token when it goes to a target. */
  @RequestFilter
  public CompletableFuture<MutableHttpRequest<?>> addIdToken(MutableHttpRequest<?> request) {
    CompletableFuture<MutableHttpRequest<?>> filtered = new CompletableFuture<>();
    tokens
        .headerAsync(request.getUri(), name -> request.getHeaders().contains(name))
        .whenComplete(
            (header, failure) -> {
              if (failure != null) {
                filtered.completeExceptionally(unwrap(failure));
              } else {
                filtered.complete(with(request, header));
              }
            });
    return filtered;
  }

  private static MutableHttpRequest<?> with(MutableHttpRequest<?> request, Optional<OutboundHeader> header) {
    header.ifPresent(h -> request.header(h.name(), h.value()));
    return request;
  }

  private static Throwable unwrap(Throwable failure) {
    return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
  }

  @Override
  public int getOrder() {
    return ORDER;
  }
}
