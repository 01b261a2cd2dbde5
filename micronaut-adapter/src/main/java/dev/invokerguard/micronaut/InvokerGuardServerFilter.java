package dev.invokerguard.micronaut;

import dev.invokerguard.request.AccessRequest;
import dev.invokerguard.Decision;
import dev.invokerguard.HttpProblem;
import dev.invokerguard.InvokerGuard;
import dev.invokerguard.identity.Caller;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.util.StringUtils;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cloud Run's invoker check as a Micronaut 4 server filter on every path, in the security phase
 * ({@link ServerFilterPhase#SECURITY}, before Micronaut Security's own filter). For each request it builds an
 * {@link AccessRequest} (method, {@code Host} as sent, the raw path without the query, the headers it reads), asks
 * {@link InvokerGuard#check}, and:
 *
 * <ul>
 *   <li>on allow, lets the request go on with the caller as the request attribute {@value #CALLER_ATTRIBUTE}
 *       (a controller takes it as a {@link Caller} argument, see {@link CallerArgumentBinder}) and, for a caller
 *       with a verified token, as the request's principal ({@link MemberPrincipal}, whose name is the IAM
 *       member);
 *   <li>on deny, answers with the decision's status, its headers ({@code WWW-Authenticate} per
 *       <a href="https://www.rfc-editor.org/rfc/rfc6750#section-3">RFC 6750</a>, {@code Retry-After} for 503)
 *       and its <a href="https://www.rfc-editor.org/rfc/rfc9457">RFC 9457</a> {@code application/problem+json}
 *       body. The answer goes back through the filters before this one, so Micronaut's CORS filter adds the
 *       application's CORS headers and a browser sees the status.
 * </ul>
 *
 * <p>A request Netty passes on but Micronaut would route differently from how the guard judges it ({@code .}
 * or {@code ..} path segments, a repeated {@code Host}) is answered 400 before the guard is asked
 * ({@link NettyRequestTargets}).
 *
 * <p>No Netty event-loop thread waits: the filter calls {@link InvokerGuard#checkAsync}, which decides on the
 * calling thread when keys, policy and groups are in memory (the usual case, the request goes on at once) and
 * otherwise completes when the fetch lands, on the thread that completed it, where the request then goes on.
 *
 * <p>{@code invokerguard.enabled=false} removes the filter.
 */
@ServerFilter(Filter.MATCH_ALL_PATTERN)
@Requires(property = InvokerGuardConfiguration.ENABLED_PROPERTY, notEquals = StringUtils.FALSE)
public class InvokerGuardServerFilter implements Ordered {
  /** The request attribute holding the allowed caller's {@link Caller}. */
  public static final String CALLER_ATTRIBUTE = "dev.invokerguard.Caller";
  /** The filter's order: in the security phase, before Micronaut Security's filter. */
  public static final int ORDER = ServerFilterPhase.SECURITY.before();

  private static final Logger LOG = LoggerFactory.getLogger(InvokerGuardServerFilter.class);
  private static final MediaType PROBLEM_JSON = MediaType.of(HttpProblem.CONTENT_TYPE);

  private final InvokerGuard guard;

  /**
   * @param guard the guard that decides
   */
  public InvokerGuardServerFilter(InvokerGuard guard) {
    this.guard = guard;
  }

  @Override
  public int getOrder() {
    return ORDER;
  }

  /**
   * Decides the request; completes empty to let it go on, or with the denial's answer. When the decision is
   * taken at once (keys, policy and groups in memory, the usual case) and allows the request, returns
   * {@code null}: Micronaut then goes on without a stage to wait for.
   *
   * @param request the request
   * @return the denial's answer, or empty to let the request go on; {@code null} when it goes on at once
   */
  @RequestFilter
  public @Nullable CompletionStage<Optional<MutableHttpResponse<?>>> check(HttpRequest<?> request) {
    RequestHeaders headers = RequestHeaders.of(request);
    String path = MicronautAccessRequests.path(request);
    Optional<HttpProblem> unroutable = NettyRequestTargets.refusal(path, headers);
    if (unroutable.isPresent()) {
      return CompletableFuture.completedFuture(Optional.of(response(unroutable.get())));
    }
    CompletableFuture<Decision> decision = guard.checkAsync(MicronautAccessRequests.of(request, path, headers))
        .toCompletableFuture();
    if (decision.isDone() && !decision.isCompletedExceptionally()) {
      Optional<MutableHttpResponse<?>> answer = apply(decision.join(), request);
      return answer.isEmpty() ? null : CompletableFuture.completedFuture(answer);
    }
    return decision.thenApply(taken -> apply(taken, request));
  }

  private static Optional<MutableHttpResponse<?>> apply(Decision decision, HttpRequest<?> request) {
    if (decision.allowed()) {
      Caller caller = decision.caller();
      request.setAttribute(CALLER_ATTRIBUTE, caller);
      if (!caller.anonymous()) {
        request.setUserPrincipal(new MemberPrincipal(caller));
      }
      return Optional.empty();
    }
    if (LOG.isDebugEnabled()) {
      LOG.debug("denied: {}", decision.explain());
    }
    return Optional.of(response(decision.problem().orElseThrow()));
  }

  /** The problem as a Micronaut response: status, headers, and the body as bytes, untouched by codecs. */
  static MutableHttpResponse<?> response(HttpProblem problem) {
    MutableHttpResponse<byte[]> response = HttpResponse.status(HttpStatus.valueOf(problem.status()));
    for (Map.Entry<String, String> header : problem.headers().entrySet()) {
      response.header(header.getKey(), header.getValue());
    }
    return response.contentType(PROBLEM_JSON).body(problem.body().getBytes(StandardCharsets.UTF_8));
  }
}
