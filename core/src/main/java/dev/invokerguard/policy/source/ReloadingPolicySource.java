package dev.invokerguard.policy.source;

import dev.invokerguard.policy.LoadResult;
import dev.invokerguard.policy.LoadedAllowPolicy;
import dev.invokerguard.policy.PolicyEvaluator;
import dev.invokerguard.policy.PolicyLayer;
import dev.invokerguard.policy.LoadedDenyPolicy;
import dev.invokerguard.policy.PolicyLoader;
import dev.invokerguard.policy.PolicyProblem;
import dev.invokerguard.policy.PolicyText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A policy made of layers (project layers, then the service layer), each read from a file, the class path
 * or a Google API, and polled. A poll fetches every layer; when an etag changed the layer is loaded again
 * and, only if every layer loads, the new policy replaces the old one atomically. A poll that fails
 * (network, HTTP error such as 403, malformed document) keeps the last good policy, is logged with its
 * reason and counted in {@link #status()}. Nothing half-loads. When the first poll fails, the
 * last-known-good file (if configured) is served until a poll succeeds. Obtained from
 * {@link PolicySources#open}; close it to stop polling.
 */
public final class ReloadingPolicySource implements PolicySource, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ReloadingPolicySource.class);

  /** One layer: where it is read from and how often it may change (null: never). */
  record LayerSpec(String location, PolicyLayer layer, DocumentFetcher fetcher, Duration interval) {}

  /** One loaded layer. */
  private record LayerState(String etag, PolicyText text, LoadedAllowPolicy policy) {}

  private final String locations;
  private final List<LayerSpec> layers;
  private final PolicyLoader loader;
  private final List<LoadedDenyPolicy> deny;
  private final Clock clock;
  private final Path lastKnownGood;
  private final ScheduledExecutorService executor;
  private final boolean ownsExecutor;

  private volatile PolicySnapshot snapshot;
  private List<LayerState> states;
  private ScheduledFuture<?> schedule;
  private volatile long checks;
  private volatile long reloads;
  private volatile long failures;
  private volatile long consecutiveFailures;
  private volatile String lastFailure;
  private volatile Instant lastCheck;

  ReloadingPolicySource(String locations, List<LayerSpec> layers, PolicyLoader loader,
      List<LoadedDenyPolicy> deny, PolicySourceOptions options) {
    this.locations = locations;
    this.layers = List.copyOf(layers);
    this.loader = loader;
    this.deny = List.copyOf(deny);
    this.clock = options.clock();
    this.lastKnownGood = options.lastKnownGood();
    this.ownsExecutor = options.executor() == null;
    this.executor = ownsExecutor ? null : options.executor();
  }

  @Override
  public Optional<PolicySnapshot> current() {
    return Optional.ofNullable(snapshot);
  }

  /** What is served and how reloads go. */
  public PolicySourceStatus status() {
    PolicySnapshot now = snapshot;
    return new PolicySourceStatus(locations, now != null, now == null ? null : now.etag(),
        now == null ? null : now.loadedAt(),
        now == null ? null : Duration.between(now.loadedAt(), clock.instant()),
        now == null ? null : now.origin(), checks, reloads, failures, consecutiveFailures, lastFailure,
        lastCheck);
  }

  /** How often the layers are polled, or empty when none of them can change. */
  public Optional<Duration> pollInterval() {
    return layers.stream().map(LayerSpec::interval).filter(i -> i != null).min(Duration::compareTo);
  }

  /**
   * Polls every layer now. Returns true when the served policy is the source's latest (loaded now, or
   * unchanged), false when the poll failed and the last good policy (if any) is kept.
   */
  public synchronized boolean refresh() {
    Instant now = clock.instant();
    lastCheck = now;
    checks++;
    List<LayerState> next = new ArrayList<>(layers.size());
    boolean changed = states == null;
    try {
      for (int i = 0; i < layers.size(); i++) {
        LayerSpec spec = layers.get(i);
        LayerState old = states == null ? null : states.get(i);
        DocumentFetcher.Fetched fetched = spec.fetcher().fetch();
        if (old != null && fetched.etag() != null && fetched.etag().equals(old.etag())) {
          next.add(old);
          continue;
        }
        next.add(new LayerState(fetched.etag(), fetched.text(), load(fetched.text(), spec.layer())));
        changed = true;
      }
    } catch (IOException | ReloadFailure | RuntimeException e) {
      failed(e instanceof ReloadFailure ? e.getMessage() : e.toString());
      return false;
    }
    consecutiveFailures = 0;
    if (changed) {
      states = List.copyOf(next);
      PolicySnapshot loaded = new PolicySnapshot(evaluator(next), etag(next.stream().map(LayerState::etag)
          .toList()), now, locations);
      snapshot = loaded;
      reloads++;
      LOG.info("policy loaded from {} (etag {})", locations, loaded.etag());
      saveLastKnownGood(next, now);
    }
    return true;
  }

  /** Loads once now, then polls on the executor while any layer can change. */
  synchronized ReloadingPolicySource start() {
    refresh();
    Optional<Duration> interval = pollInterval();
    if (interval.isPresent()) {
      ScheduledExecutorService runner = executor != null ? executor : ownedExecutor();
      long millis = interval.get().toMillis();
      schedule = runner.scheduleWithFixedDelay(this::poll, millis, millis, TimeUnit.MILLISECONDS);
    }
    return this;
  }

  /** Stops polling. The last policy stays served. */
  @Override
  public synchronized void close() {
    if (schedule != null) {
      schedule.cancel(false);
      schedule = null;
    }
    if (ownsExecutor && ownedExecutor != null) {
      ownedExecutor.shutdownNow();
    }
  }

  private ScheduledExecutorService ownedExecutor;

  private ScheduledExecutorService ownedExecutor() {
    if (ownedExecutor == null) {
      ownedExecutor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "invokerguard-policy-reload");
        thread.setDaemon(true);
        return thread;
      });
    }
    return ownedExecutor;
  }

  private void poll() {
    try {
      refresh();
    } catch (RuntimeException e) {
      LOG.error("policy poll of {} failed unexpectedly", locations, e);
    }
  }

  private LoadedAllowPolicy load(PolicyText text, PolicyLayer layer) throws ReloadFailure {
    LoadResult<LoadedAllowPolicy> result = loader.loadAllow(text, layer);
    if (!result.isLoaded()) {
      throw new ReloadFailure(text.name() + " does not load: " + result.errors().stream()
          .map(PolicyProblem::toString).collect(Collectors.joining("; ")));
    }
    result.warnings().forEach(w -> LOG.warn("policy: {}", w));
    return result.value();
  }

  private void failed(String why) {
    failures++;
    consecutiveFailures++;
    lastFailure = why;
    PolicySnapshot served = snapshot;
    if (served == null && lastKnownGood != null && readLastKnownGood()) {
      LOG.warn("policy from {} cannot be loaded ({}): serving the last-known-good copy {}", locations, why,
          lastKnownGood);
      return;
    }
    if (served == null) {
      LOG.error("policy from {} cannot be loaded ({}): every request is answered 503 until it loads",
          locations, why);
    } else {
      LOG.warn("policy reload from {} failed ({}): keeping the policy with etag {} loaded at {}", locations,
          why, served.etag(), served.loadedAt());
    }
  }

  private boolean readLastKnownGood() {
    if (!Files.isRegularFile(lastKnownGood)) {
      return false;
    }
    try {
      LastKnownGood.Saved saved = LastKnownGood.read(lastKnownGood);
      List<LoadedAllowPolicy> loaded = new ArrayList<>();
      for (LastKnownGood.SavedLayer layer : saved.layers()) {
        loaded.add(load(layer.text(), layer.layer()));
      }
      snapshot = new PolicySnapshot(PolicyEvaluator.of(loaded, deny),
          etag(saved.layers().stream().map(LastKnownGood.SavedLayer::etag).toList()), saved.savedAt(),
          "last-known-good:" + lastKnownGood);
      return true;
    } catch (IOException | ReloadFailure | RuntimeException e) {
      LOG.error("last-known-good policy {} cannot be used: {}", lastKnownGood, e.getMessage());
      return false;
    }
  }

  private void saveLastKnownGood(List<LayerState> loaded, Instant now) {
    if (lastKnownGood == null) {
      return;
    }
    try {
      LastKnownGood.write(lastKnownGood, now, loaded.stream()
          .map(s -> new LastKnownGood.SavedLayer(s.policy().layer(), s.etag(), s.text())).toList());
    } catch (IOException | RuntimeException e) {
      LOG.warn("cannot write the last-known-good policy {}: {}", lastKnownGood, e.toString());
    }
  }

  private PolicyEvaluator evaluator(List<LayerState> loaded) {
    return PolicyEvaluator.of(loaded.stream().map(LayerState::policy).toList(), deny);
  }

  private static String etag(List<String> etags) {
    return etags.stream().map(e -> e == null ? "" : e).collect(Collectors.joining(","));
  }

  /** A document that does not load. */
  private static final class ReloadFailure extends Exception {
    private static final long serialVersionUID = 1L;

    ReloadFailure(String message) {
      super(message, null, false, false);
    }
  }
}
