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
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A policy made of layers (project layers, then the service layer), each read from a file, the class path
 * or a Google API, and polled. A poll fetches every layer; when an etag changed the layer is loaded again
 * and, only if every layer loads, the new policy replaces the old one atomically. A poll that fails
 * (network, HTTP error such as 403, malformed document, an {@link Error} such as {@link StackOverflowError}
 * while loading) keeps the last good policy, is logged with its reason and counted in {@link #status()};
 * polling goes on. Nothing half-loads, and a file being written is not read: a changed file is used once
 * two checks in a row found it the same. When the first poll fails, the last-known-good file (if configured)
 * is served until a poll succeeds. Obtained from {@link PolicySources#open}; close it to stop polling.
 */
public final class ReloadingPolicySource implements PolicySource, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ReloadingPolicySource.class);

  /** One layer: where it is read from and how often it may change (null: never). */
  record LayerSpec(String location, PolicyLayer layer, DocumentFetcher fetcher, @Nullable Duration interval) {
    /** Read from this machine (a file, the class path, given text), not from a Google API. */
    boolean isLocal() {
      return !(fetcher instanceof IamApiFetcher);
    }
  }

  /** One loaded layer. */
  private record LayerState(@Nullable String etag, PolicyText text, LoadedAllowPolicy policy) {}

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
  private volatile @Nullable LocalFailure lastLocalFailure;
  private volatile List<String> servedWarnings = List.of();
  private final java.util.function.DoubleSupplier random;
  private final Duration stalenessBound;
  private volatile boolean closed;
  private volatile long rateLimitedInARow;
  private volatile @Nullable Duration retryAfter;
  private volatile @Nullable Instant lastSuccess;
  private @Nullable ScheduledExecutorService runner;
  private @Nullable Duration interval;

  ReloadingPolicySource(String locations, List<LayerSpec> layers, PolicyLoader loader,
      List<LoadedDenyPolicy> deny, PolicySourceOptions options) {
    this.locations = locations;
    this.layers = List.copyOf(layers);
    this.loader = loader;
    this.deny = List.copyOf(deny);
    this.clock = options.clock();
    this.lastKnownGood = options.lastKnownGood();
    this.ownsExecutor = options.executor() == null;
    this.random = options.random();
    this.stalenessBound = options.stalenessBound();
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
        lastCheck, now == null ? List.of() : servedWarnings, lastSuccess, backingOff());
  }

  /** How often the layers are polled, or empty when none of them can change. */
  public Optional<Duration> pollInterval() {
    return layers.stream().map(LayerSpec::interval).filter(i -> i != null).min(Duration::compareTo);
  }

  /**
   * Polls every layer now. Returns true when the poll did not fail: the served policy is the source's latest
   * (loaded now, or unchanged), or a file that changed since the previous check waits for the next one.
   * Returns false when the poll failed, whatever was thrown (an {@link Error} included), and the last good
   * policy (if any) is kept.
   */
  public synchronized boolean refresh() {
    Instant now = clock.instant();
    lastCheck = now;
    checks++;
    List<LayerState> next = new ArrayList<>(layers.size());
    List<String> why = new ArrayList<>();
    List<PolicyProblem> problems = new ArrayList<>();
    boolean localFailed = false;
    boolean rateLimited = false;
    Duration limitedFor = null;
    boolean changed = states == null;
    PolicySnapshot loaded = null;
    try {
      for (int i = 0; i < layers.size(); i++) {
        LayerSpec spec = layers.get(i);
        LayerState old = states == null ? null : states.get(i);
        DocumentFetcher.Fetched fetched;
        try {
          fetched = spec.fetcher().fetch();
        } catch (DocumentFetcher.NotReady e) {
          LOG.info("policy {}: {}", spec.location(), e.getMessage());
          if (old == null) {
            return true;
          }
          next.add(old);
          continue;
        } catch (java.nio.file.NoSuchFileException e) {
          why.add(spec.location() + ", which does not exist (NoSuchFileException)");
          localFailed |= spec.isLocal();
          continue;
        } catch (DocumentFetcher.RateLimited e) {
          why.add(spec.location() + ": rate limited: " + e.getMessage());
          rateLimited = true;
          if (e.retryAfter() != null && (limitedFor == null || e.retryAfter().compareTo(limitedFor) > 0)) {
            limitedFor = e.retryAfter();
          }
          continue;
        } catch (IOException | RuntimeException e) {
          why.add(spec.location() + ": " + e);
          localFailed |= spec.isLocal();
          continue;
        }
        if (old != null && fetched.etag() != null && fetched.etag().equals(old.etag())) {
          next.add(old);
          continue;
        }
        LoadResult<LoadedAllowPolicy> result = loader.loadAllow(fetched.text(), spec.layer());
        problems.addAll(result.errors());
        problems.addAll(result.warnings());
        if (!result.isLoaded()) {
          why.add(fetched.text().name() + " does not load: " + result.errors().stream()
              .map(PolicyProblem::toString).collect(Collectors.joining("; ")));
          localFailed |= spec.isLocal();
          continue;
        }
        result.warnings().forEach(w -> LOG.warn("policy: {}", w));
        String etag = fetched.etag() != null ? fetched.etag() : result.value().policy().etag();
        next.add(new LayerState(etag, fetched.text(), result.value()));
        changed = true;
      }
      lastLocalFailure = localFailed ? new LocalFailure(String.join("; ", why), problems) : null;
      if (!why.isEmpty()) {
        rateLimitedInARow = rateLimited ? rateLimitedInARow + 1 : 0;
        retryAfter = rateLimited ? limitedFor : null;
        failed(String.join("; ", why), null);
        return false;
      }
      if (changed) {
        loaded = new PolicySnapshot(evaluator(next), etag(next.stream().map(LayerState::etag).toList()), now,
            locations);
      }
    } catch (RuntimeException e) {
      rateLimitedInARow = 0;
      failed(e.toString(), null);
      return false;
    } catch (Error e) {
      rateLimitedInARow = 0;
      // StackOverflowError, OutOfMemoryError...: the last good policy stays, and the next poll still runs.
      failed("loading failed with " + e, e);
      return false;
    }
    consecutiveFailures = 0;
    rateLimitedInARow = 0;
    retryAfter = null;
    lastSuccess = now;
    if (loaded != null) {
      states = List.copyOf(next);
      servedWarnings = operatorWarnings(next.stream().map(LayerState::policy).toList());
      snapshot = loaded;
      reloads++;
      LOG.info("policy loaded from {} (etag {})", locations, loaded.etag());
      saveLastKnownGood(next, now);
    }
    return true;
  }

  /**
   * Why a layer read from a file, the class path or given text failed in the last poll, with every problem
   * of every such document, or empty when they all loaded.
   */
  Optional<LocalFailure> localFailure() {
    return Optional.ofNullable(lastLocalFailure);
  }

  /** A local layer did not load: why, and the problems of the documents that were read. */
  record LocalFailure(String reason, List<PolicyProblem> problems) {}

  /**
   * Loads once now, then polls on the executor while any layer can change: the first poll at a random point
   * of the first interval, then every interval with jitter, backing off while rate limited
   * ({@link PollTiming}).
   */
  synchronized ReloadingPolicySource start() {
    refresh();
    Optional<Duration> every = pollInterval();
    if (every.isPresent()) {
      interval = every.get();
      runner = executor != null ? executor : ownedExecutor();
      scheduleNext(PollTiming.firstDelay(interval, random));
    }
    return this;
  }

  private synchronized void scheduleNext(Duration delay) {
    if (closed || runner == null) {
      return;
    }
    try {
      schedule = runner.schedule(this::poll, delay.toNanos(), TimeUnit.NANOSECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      LOG.info("policy polls of {} stop: the executor is shut down", locations);
    }
  }

  /** Rate-limited polls that keep the last good policy within the staleness bound. */
  private boolean backingOff() {
    Instant success = lastSuccess;
    return consecutiveFailures > 0 && rateLimitedInARow > 0 && success != null && snapshot != null
        && Duration.between(success, clock.instant()).compareTo(stalenessBound) <= 0;
  }

  /** Stops polling. The last policy stays served. */
  @Override
  public synchronized void close() {
    closed = true;
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

  /**
   * One scheduled poll, then the next one scheduled. Nothing escapes it: a throw would stop every later poll
   * without a word.
   */
  private void poll() {
    try {
      refresh();
    } catch (Throwable e) {
      try {
        LOG.error("policy poll of {} failed unexpectedly; polling goes on", locations, e);
      } catch (Throwable ignored) {
        // even logging failed (out of memory): the next poll tries again
      }
    } finally {
      Duration every = interval;
      if (every != null) {
        scheduleNext(PollTiming.nextDelay(every, rateLimitedInARow, retryAfter, random));
      }
    }
  }

  private LoadedAllowPolicy load(PolicyText text, PolicyLayer layer) throws ReloadFailure {
    LoadResult<LoadedAllowPolicy> result = loader.loadAllow(text, layer);
    if (!result.isLoaded()) {
      throw new ReloadFailure(text.name() + " does not load: " + result.errors().stream()
          .map(PolicyProblem::toString).collect(Collectors.joining("; ")));
    }
    return result.value();
  }

  /**
   * Counts and logs a failed poll; an {@link Error}'s stack trace is logged when it is not the same failure
   * as the previous poll's.
   */
  private void failed(String why, Error error) {
    Throwable trace = error != null && !why.equals(lastFailure) ? error : null;
    failures++;
    consecutiveFailures++;
    lastFailure = why;
    PolicySnapshot served = snapshot;
    if (served == null && lastKnownGood != null && readLastKnownGood()) {
      LOG.warn("policy from {} cannot be loaded ({}): serving the last-known-good copy {}", locations, why,
          lastKnownGood, trace);
      return;
    }
    if (served == null) {
      LOG.error("policy from {} cannot be loaded ({}): every request is answered 503 until it loads",
          locations, why, trace);
    } else if (rateLimitedInARow > 1) {
      LOG.debug("policy reload from {} rate limited again ({}): backing off", locations, why);
    } else if (trace != null) {
      LOG.error("policy reload from {} failed ({}): keeping the policy with etag {} loaded at {}", locations,
          why, served.etag(), served.loadedAt(), trace);
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
      servedWarnings = operatorWarnings(loaded);
      snapshot = new PolicySnapshot(PolicyEvaluator.of(loaded, deny),
          etag(saved.layers().stream().map(LastKnownGood.SavedLayer::etag).toList()), saved.savedAt(),
          "last-known-good:" + lastKnownGood);
      return true;
    } catch (IOException | ReloadFailure | RuntimeException | StackOverflowError | OutOfMemoryError e) {
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

  /** The warnings that health repeats: a service policy that opens everything, logged loudly here. */
  private List<String> operatorWarnings(List<LoadedAllowPolicy> loaded) {
    List<String> out = new ArrayList<>();
    for (LoadedAllowPolicy policy : loaded) {
      for (PolicyProblem warning : policy.warnings()) {
        if (warning.code() == dev.invokerguard.policy.PolicyProblemCode.SERVICE_OPEN_TO_ALL_USERS) {
          out.add(warning.source() + ": " + warning.location() + ": " + warning.message());
          LOG.error("OPEN TO EVERYONE: policy {}", warning);
        }
      }
    }
    return List.copyOf(out);
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
