package dev.invokerguard.servlet;

import dev.invokerguard.request.AccessRequest;
import dev.invokerguard.Decision;
import dev.invokerguard.HttpProblem;
import dev.invokerguard.InvokerGuard;
import dev.invokerguard.runtime.GuardRuntime;
import dev.invokerguard.runtime.GuardSettings;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cloud Run's invoker check as a Jakarta Servlet 6 {@link Filter} (Jakarta Servlet 6.0, section 6
 * "Filtering"). For each request it builds an {@link AccessRequest} (method, {@code Host} as sent, the raw
 * request URI path without the query, the headers it reads: {@link AccessRequest#HEADERS_READ}), asks {@link InvokerGuard#check}, and:
 *
 * <ul>
 *   <li>on allow, continues the chain with the caller exposed three ways: {@link
 *       HttpServletRequest#getUserPrincipal()} whose name is the IAM member ({@code user:alice@example.com};
 *       {@code null} for an anonymous caller let in by an {@code allUsers} binding), the request attribute
 *       {@value #CALLER_ATTRIBUTE} holding the core's {@link dev.invokerguard.identity.Caller} (always set),
 *       and {@link HttpServletRequest#getAuthType()} = {@value #AUTH_TYPE} for a caller with a verified token;
 *   <li>on deny, answers with the decision's status, its headers ({@code WWW-Authenticate} per
 *       <a href="https://www.rfc-editor.org/rfc/rfc6750#section-3">RFC 6750</a>, {@code Retry-After} for 503)
 *       and its <a href="https://www.rfc-editor.org/rfc/rfc9457">RFC 9457</a> {@code application/problem+json}
 *       body, and does not call the chain;
 *   <li>when no decision can be had at all, answers the guard's 503 ({@link InvokerGuard#unavailable()}),
 *       never the container's 500.
 * </ul>
 *
 * <p>Configured one of three ways: with an {@link InvokerGuard} built in code ({@link
 * #InvokerGuardFilter(InvokerGuard)}; its owner closes its verifier), with {@link GuardSettings} ({@link
 * #InvokerGuardFilter(GuardSettings)}), or, with the no-argument constructor a container uses, from the
 * filter's {@code invokerguard.*} init parameters, or from the {@code INVOKERGUARD_*} environment when
 * there are none. In the last two cases {@link #init} starts a {@link GuardRuntime} (which fetches keys in the background)
 * and {@link #destroy} closes it. A missing or bad setting makes {@link #init} throw, so the application
 * never starts open.
 */
public final class InvokerGuardFilter implements Filter {
  /** The request attribute holding the allowed caller's {@link dev.invokerguard.identity.Caller}. */
  public static final String CALLER_ATTRIBUTE = "dev.invokerguard.Caller";
  /** What {@link HttpServletRequest#getAuthType()} answers for a caller with a verified token. */
  public static final String AUTH_TYPE = "BEARER";

  private static final Logger LOG = LoggerFactory.getLogger(InvokerGuardFilter.class);

  private final GuardSettings settings;
  /** The servlet context attribute holding the running {@link InvokerGuard}. */
  public static final String GUARD_ATTRIBUTE = "dev.invokerguard.InvokerGuard";
  /** The servlet context attribute holding the {@link GuardRuntime} started from settings. */
  public static final String RUNTIME_ATTRIBUTE = "dev.invokerguard.GuardRuntime";

  private volatile InvokerGuard guard;
  private volatile GuardRuntime runtime;

  /** Configured in {@link #init}: from init parameters, else from the environment. */
  public InvokerGuardFilter() {
    this.settings = null;
  }

  /** Uses a guard built in code; the caller keeps ownership of its verifier. */
  public InvokerGuardFilter(InvokerGuard guard) {
    this.guard = Objects.requireNonNull(guard, "guard");
    this.settings = null;
  }

  /** Starts a guard from these settings in {@link #init} and closes it in {@link #destroy}. */
  public InvokerGuardFilter(GuardSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  @Override
  public void init(FilterConfig config) throws ServletException {
    if (guard != null) {
      return;
    }
    GuardSettings chosen = settings != null ? settings : settingsOf(config);
    GuardRuntime started = GuardRuntime.start(chosen);
    runtime = started;
    guard = started.guard();
    if (config != null && config.getServletContext() != null) {
      config.getServletContext().setAttribute(GUARD_ATTRIBUTE, started.guard());
      config.getServletContext().setAttribute(RUNTIME_ATTRIBUTE, started);
    }
  }

  /**
   * The running guard, for its {@code counts()}, {@code mode()} and {@code policy()} (health checks and
   * metrics). Also published as the servlet context attribute {@value #GUARD_ATTRIBUTE}.
   *
   * @throws IllegalStateException before {@link #init} or after {@link #destroy}
   */
  public InvokerGuard guard() {
    InvokerGuard current = guard;
    if (current == null) {
      throw new IllegalStateException("InvokerGuardFilter is not initialised");
    }
    return current;
  }

  /**
   * The runtime this filter started from settings, for {@code policyStatus()} and {@code keySetStats()};
   * empty when the filter was given a guard built in code. Also published as the servlet context attribute
   * {@value #RUNTIME_ATTRIBUTE}.
   */
  public Optional<GuardRuntime> runtime() {
    return Optional.ofNullable(runtime);
  }

  private static GuardSettings settingsOf(FilterConfig config) {
    Map<String, String> params = new HashMap<>();
    if (config != null) {
      for (String name : Collections.list(config.getInitParameterNames())) {
        params.put(name, config.getInitParameter(name));
      }
    }
    boolean configured = params.keySet().stream().anyMatch(n -> n.startsWith("invokerguard."));
    return configured ? GuardSettings.fromProperties(params) : GuardSettings.fromEnvironment();
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (!(request instanceof HttpServletRequest http) || !(response instanceof HttpServletResponse out)) {
      throw new ServletException("InvokerGuardFilter handles HTTP requests only");
    }
    InvokerGuard current = guard;
    if (current == null) {
      throw new ServletException("InvokerGuardFilter is not initialised");
    }
    Decision decision;
    try {
      decision = current.check(ServletAccessRequests.of(http));
    } catch (Throwable e) {
      // check() throws only when the JVM is broken; reading the request might fail too. Either way the
      // answer is the guard's 503, never the container's 500 page naming the exception.
      LOG.error("InvokerGuardFilter could not decide a {} request: answered 503", http.getMethod(), e);
      write(current.unavailable(), out);
      return;
    }
    if (decision.allowed()) {
      chain.doFilter(new AuthenticatedRequest(http, decision.caller()), response);
      return;
    }
    if (LOG.isDebugEnabled()) {
      LOG.debug("denied: {}", decision.explain());
    }
    write(decision.problem().orElseThrow(), out);
  }

  private static void write(HttpProblem problem, HttpServletResponse response) throws IOException {
    byte[] body = problem.body().getBytes(StandardCharsets.UTF_8);
    response.resetBuffer();
    response.setStatus(problem.status());
    problem.headers().forEach(response::setHeader);
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
    response.flushBuffer();
  }

  @Override
  public void destroy() {
    GuardRuntime started = runtime;
    if (started != null) {
      runtime = null;
      guard = null;
      started.close();
    }
  }
}
