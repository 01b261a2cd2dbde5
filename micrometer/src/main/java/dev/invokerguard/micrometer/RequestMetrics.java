package dev.invokerguard.micrometer;

import dev.invokerguard.Decision;
import dev.invokerguard.DecisionEvent;
import dev.invokerguard.DecisionListener;
import dev.invokerguard.DecisionReason;
import dev.invokerguard.EnforcementMode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The {@value #REQUESTS} timer: one sample per decision, timed as long as the guard took to decide, tagged with
 * the words of the decision log (every value bounded):
 * <ul>
 *   <li>{@code outcome}: {@code allow} or {@code deny} (enforce mode's verdict: in shadow mode a {@code deny} was
 *       let through);
 *   <li>{@code reason}: the {@link DecisionReason} ({@code GRANTED}, {@code NO_BINDING}, {@code TOKEN_REJECTED}, …);
 *   <li>{@code status}: the status enforce mode gives ({@code 200}, {@code 400}, {@code 401}, {@code 403},
 *       {@code 503});
 *   <li>{@code mode}: {@code enforce} or {@code shadow}.
 * </ul>
 *
 * <p>It is both a {@link DecisionListener}, given to the runtime when it is built
 * ({@code GuardRuntime.builder(settings).listener(metrics)}), and a {@link MeterBinder}, bound to the
 * application's registries; decisions taken before it is bound are not recorded.
 */
public final class RequestMetrics implements DecisionListener, MeterBinder {
  /** The timer's name. */
  public static final String REQUESTS = "invokerguard.requests";

  private final List<Bound> registries = new CopyOnWriteArrayList<>();

  @Override
  public void bindTo(MeterRegistry registry) {
    registries.add(new Bound(registry, new ConcurrentHashMap<>()));
  }

  @Override
  public void onDecision(DecisionEvent event) {
    Decision decision = event.decision();
    Key key = new Key(decision.reason(), event.mode());
    for (Bound bound : registries) {
      bound.timers.computeIfAbsent(key, k -> k.timer(bound.registry))
          .record(event.latencyNanos(), TimeUnit.NANOSECONDS);
    }
  }

  private record Bound(MeterRegistry registry, ConcurrentMap<Key, Timer> timers) {}

  /** The reason decides the outcome and the status; the mode is the guard's. */
  private record Key(DecisionReason reason, EnforcementMode mode) {
    Timer timer(MeterRegistry registry) {
      return Timer.builder(REQUESTS)
          .description("requests decided by InvokerGuard, and how long deciding took")
          .tags(Tags.of(
              "outcome", reason.allows() ? "allow" : "deny",
              "reason", reason.name(),
              "status", Integer.toString(reason.status()),
              "mode", mode.name().toLowerCase(Locale.ROOT)))
          .register(registry);
    }
  }
}
