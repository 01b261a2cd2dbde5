package dev.invokerguard.spring.reactive;

import dev.invokerguard.identity.Caller;
import dev.invokerguard.spring.security.InvokerGuardAuthentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Spring Security present: the allowed caller becomes an {@link InvokerGuardAuthentication} in the Reactor
 * context of the rest of the chain, which Spring Security's {@code ReactorContextWebFilter} keeps (it loads
 * a context only when none is there), so that {@code authorizeExchange} and {@code @PreAuthorize} see it.
 */
final class ReactiveSecurityContextExposure implements ReactiveCallerExposure {

  @Override
  public Mono<Void> proceed(ServerWebExchange exchange, WebFilterChain chain, Caller caller) {
    return chain.filter(exchange)
        .contextWrite(ReactiveSecurityContextHolder.withAuthentication(new InvokerGuardAuthentication(caller)));
  }
}
