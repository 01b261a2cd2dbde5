package dev.invokerguard.runtime;

import dev.invokerguard.ConfigurationErrorCode;
import dev.invokerguard.Decision;
import dev.invokerguard.DecisionEvent;
import dev.invokerguard.DecisionListener;
import dev.invokerguard.DecisionReason;
import dev.invokerguard.InvokerGuardConfigurationException;
import dev.invokerguard.policy.DeniedBy;
import dev.invokerguard.policy.GrantedBy;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decision log: one JSON line per decision at INFO on the SLF4J logger {@value #LOGGER}. Denials
 * (shadowed ones included) are always logged; allowed decisions are sampled at
 * {@link #DEFAULT_ALLOWED_SAMPLE_RATE} unless told otherwise. Nothing is built when the logger is off.
 *
 * <p>Fields: {@code time}, {@code outcome} ({@code allow} or {@code deny}: what enforce mode does),
 * {@code shadowed}, {@code status} (enforce mode's status), {@code reason}, {@code principal},
 * {@code method}, {@code host}, {@code path} (normalised), {@code layer}, {@code role}, {@code member},
 * {@code condition} (the title of the granting binding's condition, or of the deny rule's), {@code deny_rule},
 * {@code token_error}, {@code policy_etag}, {@code mode}, {@code latency_us}. Absent values are left out.
 * A rejected token's line names the {@code claimed_email} it claims (unverified: whose token failed) next to
 * the {@code principal} used ({@code allUsers}). Never the token, a signature, or another claim.
 *
 * <p>{@link #cloudLogging} writes the same fields as one JSON object per line on standard output, with Cloud
 * Logging's <a href="https://cloud.google.com/logging/docs/structured-logging">special fields</a>:
 * {@code severity} ({@code INFO} for allowed, {@code WARNING} for denied), {@code message},
 * {@code logging.googleapis.com/trace} (from {@code traceparent} or {@code X-Cloud-Trace-Context}, as
 * {@code projects/P/traces/T} when the project is known), {@code logging.googleapis.com/spanId},
 * {@code logging.googleapis.com/trace_sampled}, and {@code httpRequest} ({@code requestMethod},
 * {@code requestUrl}: the path, {@code status}, {@code latency}); the other fields land in
 * {@code jsonPayload} ({@code jsonPayload.outcome="deny"}).
 *
 * <p>A flood of bad requests must not become a flood of log lines. Values that come from the request are
 * cut: {@code path} to {@value #MAX_PATH_LENGTH} characters, {@code host}, {@code principal} and
 * {@code method} to {@value #MAX_HEADER_LENGTH}; a cut value ends with {@code "..."} and its full length
 * is given in {@code path_length}, {@code host_length}, {@code principal_length} or {@code method_length}.
 * Denial lines are limited per {@link DecisionReason}: at most
 * {@value #DEFAULT_DENIED_LINES_PER_SECOND} per second by default; the next line written for that reason
 * carries {@code dropped}, how many lines of the same reason were left out since the previous one.
 * Sampled allowed lines are limited the same way, to {@value #SAMPLED_LINES_PER_SECOND} per second and
 * reason, so that logging a 1% sample of a busy service stays cheap; with a sample rate of 1 every allowed
 * decision is logged. {@link dev.invokerguard.InvokerGuard#counts()} still counts every decision.
 */
public final class DecisionLog implements DecisionListener {
  /** The logger name. */
  public static final String LOGGER = "dev.invokerguard.decisions";
  /** One allowed decision in a hundred is logged by default. */
  public static final double DEFAULT_ALLOWED_SAMPLE_RATE = 0.01;
  /**
   * Sampled allowed lines written per second for each {@link DecisionReason}: a sample of a busy service's
   * traffic costs no more than this, whatever the request rate. A sample rate of 1 logs every line.
   */
  public static final int SAMPLED_LINES_PER_SECOND = 20;
  /** Denial lines written per second for each {@link DecisionReason}, by default. */
  public static final int DEFAULT_DENIED_LINES_PER_SECOND = 20;
  /** Longest {@code path} written, in characters. */
  public static final int MAX_PATH_LENGTH = 512;
  /** Longest {@code host}, {@code principal} or {@code method} written, in characters. */
  public static final int MAX_HEADER_LENGTH = 256;
  private static final long SECOND_NANOS = 1_000_000_000L;

  private final double allowedSampleRate;
  private final DoubleSupplier random;
  private final BooleanSupplier enabled;
  private final Consumer<String> sink;
  private final int deniedLinesPerSecond;
  private final LongSupplier ticker;
  private final Window[] windows = new Window[DecisionReason.values().length];
  private final boolean cloudLogging;
  private final @Nullable String projectId;

  DecisionLog(double allowedSampleRate, DoubleSupplier random, BooleanSupplier enabled,
      Consumer<String> sink) {
    this(allowedSampleRate, random, enabled, sink, DEFAULT_DENIED_LINES_PER_SECOND, System::nanoTime);
  }

  DecisionLog(double allowedSampleRate, DoubleSupplier random, BooleanSupplier enabled,
      Consumer<String> sink, int deniedLinesPerSecond, LongSupplier ticker) {
    this(allowedSampleRate, random, enabled, sink, deniedLinesPerSecond, ticker, false, null);
  }

  DecisionLog(double allowedSampleRate, DoubleSupplier random, BooleanSupplier enabled,
      Consumer<String> sink, int deniedLinesPerSecond, LongSupplier ticker, boolean cloudLogging,
      @Nullable String projectId) {
    this.cloudLogging = cloudLogging;
    this.projectId = projectId;
    if (!(allowedSampleRate >= 0 && allowedSampleRate <= 1)) {
      throw new InvokerGuardConfigurationException(ConfigurationErrorCode.INVALID_SETTING,
          "the allowed-decision sample rate must be between 0 and 1: " + allowedSampleRate);
    }
    if (deniedLinesPerSecond < 1) {
      throw new InvokerGuardConfigurationException(ConfigurationErrorCode.INVALID_SETTING,
          "at least one denial line per second and reason must be logged: " + deniedLinesPerSecond);
    }
    this.allowedSampleRate = allowedSampleRate;
    this.random = random;
    this.enabled = enabled;
    this.sink = sink;
    this.deniedLinesPerSecond = deniedLinesPerSecond;
    this.ticker = ticker;
    for (int i = 0; i < windows.length; i++) {
      windows[i] = new Window();
    }
  }

  /** A decision log sampling allowed decisions at {@link #DEFAULT_ALLOWED_SAMPLE_RATE}. */
  public static DecisionLog create() {
    return withAllowedSampleRate(DEFAULT_ALLOWED_SAMPLE_RATE);
  }

  /**
   * A decision log logging this fraction of allowed decisions (0 to 1; 1 logs every one).
   *
   * @throws InvokerGuardConfigurationException when the rate is outside [0, 1]
   */
  public static DecisionLog withAllowedSampleRate(double rate) {
    Logger logger = LoggerFactory.getLogger(LOGGER);
    return new DecisionLog(rate, () -> ThreadLocalRandom.current().nextDouble(), logger::isInfoEnabled,
        logger::info);
  }

  /**
   * A decision log for Cloud Logging: one JSON object per line on standard output, logging this fraction of
   * allowed decisions; traces are linked to {@code projectId} when it is given.
   *
   * @throws InvokerGuardConfigurationException when the rate is outside [0, 1]
   */
  public static DecisionLog cloudLogging(double rate, @Nullable String projectId) {
    java.io.PrintStream out = System.out;
    return new DecisionLog(rate, () -> ThreadLocalRandom.current().nextDouble(), () -> true, out::println,
        DEFAULT_DENIED_LINES_PER_SECOND, System::nanoTime, true, projectId);
  }

  /**
   * The same log, writing at most {@code linesPerSecond} denial lines per second for each reason.
   *
   * @throws InvokerGuardConfigurationException when {@code linesPerSecond} is below 1
   */
  public DecisionLog withDeniedLinesPerSecond(int linesPerSecond) {
    return new DecisionLog(allowedSampleRate, random, enabled, sink, linesPerSecond, ticker, cloudLogging,
        projectId);
  }

  /** Whether lines are written for Cloud Logging ({@link #cloudLogging}). */
  boolean cloudLoggingFormat() {
    return cloudLogging;
  }

  @Override
  public void onDecision(DecisionEvent event) {
    if (!enabled.getAsBoolean()) {
      return;
    }
    Decision decision = event.decision();
    boolean allowed = decision.reason().allows();
    boolean sampled = allowed && allowedSampleRate < 1;
    if (sampled && random.getAsDouble() >= allowedSampleRate) {
      return;
    }
    long dropped = 0;
    if (!allowed || sampled) {
      dropped = windows[decision.reason().ordinal()].admit(ticker.getAsLong(),
          allowed ? SAMPLED_LINES_PER_SECOND : deniedLinesPerSecond);
      if (dropped < 0) {
        return;
      }
    }
    sink.accept(cloudLogging ? cloudLine(event, dropped, projectId) : line(event, dropped));
  }

  static String line(DecisionEvent event, long dropped) {
    return fields(new JsonLine(384), event, dropped).end();
  }

  /** The line for Cloud Logging: its special fields, then the fields of {@link #line}. */
  static String cloudLine(DecisionEvent event, long dropped, @Nullable String projectId) {
    Decision decision = event.decision();
    boolean allowed = decision.reason().allows();
    JsonLine json = new JsonLine(640)
        .field("severity", allowed ? "INFO" : "WARNING")
        .field("message", "InvokerGuard " + (allowed ? "allow " : "deny ") + decision.enforcedStatus() + " "
            + cut(decision.method(), MAX_HEADER_LENGTH) + " " + cut(decision.path(), MAX_PATH_LENGTH) + " "
            + cut(decision.principal(), MAX_HEADER_LENGTH) + (decision.shadowed() ? " (shadowed)" : ""));
    TraceContext trace = TraceContext.parse(event.traceContext());
    if (trace != null) {
      json.field("logging.googleapis.com/trace", trace.resource(projectId))
          .field("logging.googleapis.com/spanId", trace.spanId())
          .field("logging.googleapis.com/trace_sampled", trace.sampled());
    }
    json.raw("httpRequest", new JsonLine(160)
        .field("requestMethod", cut(decision.method(), MAX_HEADER_LENGTH))
        .field("requestUrl", cut(decision.path(), MAX_PATH_LENGTH))
        .field("status", decision.status())
        .field("latency", String.format(java.util.Locale.ROOT, "%.6fs", event.latencyNanos() / 1e9)).end());
    return fields(json, event, dropped).end();
  }

  private static String cut(String value, int max) {
    return value == null || value.length() <= max ? value : value.substring(0, max) + "...";
  }

  private static JsonLine fields(JsonLine json, DecisionEvent event, long dropped) {
    Decision decision = event.decision();
    json.field("time", event.time() == null ? null : event.time().toString())
        .field("outcome", decision.reason().allows() ? "allow" : "deny")
        .field("shadowed", decision.shadowed())
        .field("status", decision.enforcedStatus())
        .field("reason", decision.reason().name());
    capped(json, "principal", decision.principal(), MAX_HEADER_LENGTH);
    capped(json, "method", decision.method(), MAX_HEADER_LENGTH);
    capped(json, "host", decision.host(), MAX_HEADER_LENGTH);
    capped(json, "path", decision.path(), MAX_PATH_LENGTH);
    GrantedBy granted = decision.grantedBy();
    DeniedBy denied = decision.deniedBy();
    if (granted != null) {
      json.field("layer", granted.layer().name()).field("role", granted.role())
          .field("member", granted.member()).field("condition", granted.conditionTitle());
    } else if (denied != null) {
      json.field("deny_rule", denied.source() + " rules[" + denied.ruleIndex() + "]")
          .field("member", denied.principal()).field("condition", denied.conditionTitle());
    }
    json.field("token_error", decision.tokenError() == null ? null : decision.tokenError().name())
        .field("claimed_email", decision.tokenError() == null ? null : event.claimedEmail())
        .field("policy_etag", event.policyEtag())
        .field("mode", event.mode() == null ? null : event.mode().name().toLowerCase(java.util.Locale.ROOT))
        .field("latency_us", event.latencyNanos() / 1_000);
    if (dropped > 0) {
      json.field("dropped", dropped);
    }
    return json;
  }

  /** Writes {@code value} cut to {@code max} characters (never inside a surrogate pair), and its length if cut. */
  private static void capped(JsonLine json, String name, String value, int max) {
    if (value == null || value.length() <= max) {
      json.field(name, value);
      return;
    }
    int end = Character.isHighSurrogate(value.charAt(max - 1)) ? max - 1 : max;
    json.field(name, value.substring(0, end) + "...").field(name + "_length", value.length());
  }

  /**
   * The denial lines of one reason in the current one-second window, and how many were left out since the
   * last line written.
   */
  private static final class Window {
    private long start = Long.MIN_VALUE;
    private int written;
    private long dropped;

    /** The number of lines left out before this one, or -1 when this one is left out too. */
    synchronized long admit(long now, int limit) {
      if (start == Long.MIN_VALUE || now - start >= SECOND_NANOS) {
        start = now;
        written = 0;
      }
      if (written >= limit) {
        dropped++;
        return -1;
      }
      written++;
      long before = dropped;
      dropped = 0;
      return before;
    }
  }
}
