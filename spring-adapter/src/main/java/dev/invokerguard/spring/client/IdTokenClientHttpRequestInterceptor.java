package dev.invokerguard.spring.client;

import dev.invokerguard.client.OutboundHeader;
import dev.invokerguard.client.OutboundTokens;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Adds the application's Google ID token to {@code RestClient} and {@code RestTemplate} requests to a
 * configured target (Cloud Run <a
 * href="https://cloud.google.com/run/docs/authenticating/service-to-service">service-to-service
 * authentication</a>); other requests pass unchanged. When no token can be had the request is not
 * sent: {@code OutboundTokenException} propagates.
 */
public final class IdTokenClientHttpRequestInterceptor implements ClientHttpRequestInterceptor {
  private final OutboundTokens tokens;

  public IdTokenClientHttpRequestInterceptor(OutboundTokens tokens) {
    this.tokens = Objects.requireNonNull(tokens, "tokens");
  }

  @Override
  public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
      throws IOException {
    Optional<OutboundHeader> header =
        tokens.header(request.getURI(), name -> request.getHeaders().getFirst(name) != null);
    header.ifPresent(h -> request.getHeaders().set(h.name(), h.value()));
    return execution.execute(request, body);
  }
}
