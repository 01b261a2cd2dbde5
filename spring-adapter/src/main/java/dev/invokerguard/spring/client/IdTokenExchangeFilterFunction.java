package dev.invokerguard.spring.client;

import dev.invokerguard.client.OutboundTokens;
import java.util.Objects;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Adds the application's Google ID token to {@code WebClient} requests to a configured target (Cloud
 * Run <a href="https://cloud.google.com/run/docs/authenticating/service-to-service">service-to-service
 * authentication</a>). The token is read off the event loop (a mint may wait on the metadata server);
 * requests to other URLs pass unchanged, on the calling thread. When no token can be had the exchange
 * fails with {@code OutboundTokenException} and nothing is sent.
 */
public final class IdTokenExchangeFilterFunction implements ExchangeFilterFunction {
  private final OutboundTokens tokens;

  public IdTokenExchangeFilterFunction(OutboundTokens tokens) {
    this.tokens = Objects.requireNonNull(tokens, "tokens");
  }

  @Override
  public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
    if (tokens.target(request.url()).isEmpty()) {
      return next.exchange(request);
    }
    return Mono.fromCallable(
            () ->
                tokens
                    .header(request.url(), name -> request.headers().getFirst(name) != null)
                    .map(h -> ClientRequest.from(request).headers(headers -> headers.set(h.name(), h.value())).build())
                    .orElse(request))
        .subscribeOn(Schedulers.boundedElastic())
        .flatMap(next::exchange);
  }
}
