package dev.invokerguard.spring.reactive;

import dev.invokerguard.identity.Caller;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/** Makes an allowed, authenticated caller known to a security framework while the rest of the chain runs. */
interface ReactiveCallerExposure {

  Mono<Void> proceed(ServerWebExchange exchange, WebFilterChain chain, Caller caller);
}
