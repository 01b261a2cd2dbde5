package dev.invokerguard.spring.reactive;

import dev.invokerguard.Decision;
import dev.invokerguard.HttpProblem;
import dev.invokerguard.InvokerGuard;
import dev.invokerguard.identity.Caller;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.function.Supplier;
import org.springframework.context.ApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Cloud Run's invoker check as a WebFlux {@link WebFilter}: for each exchange it asks the core for a
 * {@link Decision} and, on allow, continues with the caller as the exchange attribute
 * {@value #CALLER_ATTRIBUTE}, as {@code exchange.getPrincipal()} (named by its IAM member) and, with Spring
 * Security present, as its {@code Authentication} in the Reactor context; on deny, it answers with the
 * decision's RFC 9457 problem, its headers and the CORS headers of the application's configuration.
 *
 * <p>Actuator's management server on its own port ({@code management.server.port}) is not guarded, as on
 * the servlet stack: probes read health there while keys or the policy are unavailable.
 *
 * <p>No event-loop thread waits on a key, policy or group fetch: decisions come from
 * {@link InvokerGuard#checkAsync}, which completes on the calling thread when everything is in memory.
 */
final class GuardWebFilter implements WebFilter, Ordered {
  /** The exchange attribute holding the allowed caller's {@link Caller} (as the servlet filter's). */
  static final String CALLER_ATTRIBUTE = "dev.invokerguard.Caller";

  private final InvokerGuard guard;
  private final Supplier<CorsConfigurationSource> cors;
  private final ReactiveCallerExposure exposure;
  private final int order;
  private final ApplicationContext application;

  /**
   * @param guard the guard
   * @param cors the application's CORS configuration; supplies {@code null} when there is none
   * @param exposure what to do with an allowed, authenticated caller, or {@code null}
   * @param order the filter's order
   * @param application the application context defining this filter, whose Actuator management server on
   *     its own port is not guarded ({@link ManagementServer}); {@code null} guards every exchange
   */
  GuardWebFilter(InvokerGuard guard, Supplier<CorsConfigurationSource> cors, ReactiveCallerExposure exposure,
      int order, ApplicationContext application) {
    this.guard = guard;
    this.cors = cors;
    this.exposure = exposure;
    this.order = order;
    this.application = application;
  }

  @Override
  public int getOrder() {
    return order;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    if (ManagementServer.serves(application, exchange)) {
      return chain.filter(exchange);
    }
    return decide(exchange).flatMap(decision -> decision.allowed()
        ? proceed(exchange, chain, decision.caller())
        : deny(exchange, decision));
  }

  /**
   * The core's non-blocking decision: on the calling thread when keys, policy and groups are in memory,
   * else when the fetch completes; the event loop never waits.
   */
  private Mono<Decision> decide(ServerWebExchange exchange) {
    return Mono.defer(() -> Mono.fromCompletionStage(guard.checkAsync(ReactiveAccessRequests.of(
        exchange.getRequest()))));
  }

  private Mono<Void> proceed(ServerWebExchange exchange, WebFilterChain chain, Caller caller) {
    exchange.getAttributes().put(CALLER_ATTRIBUTE, caller);
    if (caller.anonymous()) {
      return chain.filter(exchange);
    }
    Principal principal = new MemberPrincipal(caller.principal());
    ServerWebExchange allowed = exchange.mutate().principal(Mono.just(principal)).build();
    return exposure == null ? chain.filter(allowed) : exposure.proceed(allowed, chain, caller);
  }

  private Mono<Void> deny(ServerWebExchange exchange, Decision decision) {
    HttpProblem problem = decision.problem().orElseThrow();
    ServerHttpResponse response = exchange.getResponse();
    response.setStatusCode(HttpStatus.valueOf(problem.status()));
    DenialCors.apply(exchange, cors.get());
    problem.headers().forEach((name, value) -> response.getHeaders().set(name, value));
    byte[] body = problem.body().getBytes(StandardCharsets.UTF_8);
    response.getHeaders().setContentLength(body.length);
    DataBuffer buffer = response.bufferFactory().wrap(body);
    return response.writeWith(Mono.just(buffer));
  }

  /** A caller's IAM member as a {@link Principal}. */
  record MemberPrincipal(String name) implements Principal {
    @Override
    public String getName() {
      return name;
    }
  }
}
