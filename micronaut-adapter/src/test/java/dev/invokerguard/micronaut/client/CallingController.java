package dev.invokerguard.micronaut.client;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * A calling application on the Netty event loop: {@code GET /public/call/<path>} calls {@code <path>}
 * on {@code test.backend-url} with the reactive Micronaut client and answers {@code status=<code>
 * body=<body>} (or {@code failed=<exception>: <message>} when the call could not be made). {@code
 * X-Own-Authorization} becomes the outgoing request's own {@code Authorization}.
 */
@Controller("/public/call")
@Requires(property = OutboundSettings.CALLER, value = "true")
public class CallingController {
  private final HttpClient client;

  public CallingController(@Client("${" + OutboundSettings.BACKEND_URL + "}") HttpClient client) {
    this.client = client;
  }

  @Get(uri = "/{+path}", produces = MediaType.TEXT_PLAIN)
  Publisher<String> call(String path, @Nullable @Header("X-Own-Authorization") String own) {
    MutableHttpRequest<?> request = HttpRequest.GET("/" + path);
    if (own != null) {
      request.header("Authorization", own);
    }
    return Mono.from(client.exchange(request, String.class))
        .map(response -> "status=" + response.code() + " body=" + response.getBody().orElse(""))
        .onErrorResume(HttpClientResponseException.class,
            e -> Mono.just("status=" + e.code() + " body=" + e.getResponse().getBody(String.class).orElse("")))
        .onErrorResume(e -> Mono.just("failed=" + e.getClass().getSimpleName() + ": " + e.getMessage()));
  }
}
