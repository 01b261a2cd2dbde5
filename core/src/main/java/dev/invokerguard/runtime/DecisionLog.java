package dev.invokerguard.runtime;

import dev.invokerguard.ConfigurationErrorCode;
import dev.invokerguard.Decision;
import dev.invokerguard.DecisionEvent;
import dev.invokerguard.DecisionListener;
import dev.invokerguard.InvokerGuardConfigurationException;
import dev.invokerguard.policy.DeniedBy;
import dev.invokerguard.policy.GrantedBy;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
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
 * Never the token, a signature, or a claim beyond the principal.
 */
public final class DecisionLog implements DecisionListener {
  /** The logger name. */
  public static final String LOGGER = "dev.invokerguard.decisions";
  /** One allowed decision in a hundred is logged by default. */
  public static final double DEFAULT_ALLOWED_SAMPLE_RATE = 0.01;

  private final double allowedSampleRate;
  private final DoubleSupplier random;
  private final BooleanSupplier enabled;
  private final Consumer<String> sink;

  DecisionLog(double allowedSampleRate, DoubleSupplier random, BooleanSupplier enabled,
      Consumer<String> sink) {
    if (!(allowedSampleRate >= 0 && allowedSampleRate <= 1)) {
      throw new InvokerGuardConfigurationException(ConfigurationErrorCode.INVALID_SETTING,
          "the allowed-decision sample rate must be between 0 and 1: " + allowedSampleRate);
    }
    this.allowedSampleRate = allowedSampleRate;
    this.random = random;
    this.enabled = enabled;
    this.sink = sink;
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

  @Override
  public void onDecision(DecisionEvent event) {
    if (!enabled.getAsBoolean()) {
      return;
    }
    Decision decision = event.decision();
    boolean allowed = decision.reason().allows();
    if (allowed && allowedSampleRate < 1 && random.getAsDouble() >= allowedSampleRate) {
      return;
    }
    sink.accept(line(event));
  }

  static String line(DecisionEvent event) {
    Decision decision = event.decision();
    JsonLine json = new JsonLine(384)
        .field("time", event.time() == null ? null : event.time().toString())
        .field("outcome", decision.reason().allows() ? "allow" : "deny")
        .field("shadowed", decision.shadowed())
        .field("status", decision.enforcedStatus())
        .field("reason", decision.reason().name())
        .field("principal", decision.principal())
        .field("method", decision.method())
        .field("host", decision.host())
        .field("path", decision.path());
    GrantedBy granted = decision.grantedBy();
    DeniedBy denied = decision.deniedBy();
    if (granted != null) {
      json.field("layer", granted.layer().name()).field("role", granted.role())
          .field("member", granted.member()).field("condition", granted.conditionTitle());
    } else if (denied != null) {
      json.field("deny_rule", denied.source() + " rules[" + denied.ruleIndex() + "]")
          .field("member", denied.principal()).field("condition", denied.conditionTitle());
    }
    return json.field("token_error", decision.tokenError() == null ? null : decision.tokenError().name())
        .field("policy_etag", event.policyEtag())
        .field("mode", event.mode() == null ? null : event.mode().name().toLowerCase(java.util.Locale.ROOT))
        .field("latency_us", event.latencyNanos() / 1_000)
        .end();
  }
}
