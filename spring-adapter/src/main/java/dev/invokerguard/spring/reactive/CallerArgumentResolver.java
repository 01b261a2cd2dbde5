package dev.invokerguard.spring.reactive;

import dev.invokerguard.identity.Caller;
import org.springframework.core.MethodParameter;
import org.springframework.web.reactive.BindingContext;
import org.springframework.web.reactive.result.method.HandlerMethodArgumentResolver;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Resolves a WebFlux controller method's {@link Caller} parameter to the caller InvokerGuard allowed. */
final class CallerArgumentResolver implements HandlerMethodArgumentResolver {

  @Override
  public boolean supportsParameter(MethodParameter parameter) {
    return parameter.getParameterType() == Caller.class;
  }

  @Override
  public Mono<Object> resolveArgument(MethodParameter parameter, BindingContext bindingContext,
      ServerWebExchange exchange) {
    Object caller = exchange.getAttribute(GuardWebFilter.CALLER_ATTRIBUTE);
    if (caller instanceof Caller known) {
      return Mono.just(known);
    }
    return Mono.error(new IllegalStateException("no InvokerGuard decision for this exchange: the InvokerGuard"
        + " web filter did not run for it, so there is no Caller to pass to " + parameter.getMethod()));
  }
}
