package dev.invokerguard.policy.source;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link ReloadingPolicySource} is serving and how its reloads go, for health checks and metrics.
 *
 * @param locations the configured locations
 * @param loaded whether a policy is being served
 * @param etag the served policy's etag, or {@code null}
 * @param loadedAt when the served policy was loaded, or {@code null}
 * @param age how old the served policy is, or {@code null} when none is served
 * @param origin where the served policy came from, or {@code null}
 * @param checks reload attempts (each poll of every layer)
 * @param reloads polls that replaced the policy
 * @param failures polls that failed (network, HTTP error, malformed document) and kept the last good policy
 * @param consecutiveFailures failures since the last successful poll
 * @param lastFailure why the last failed poll failed, or {@code null} when none did
 * @param lastCheck when the last poll ran, or {@code null}
 * @param lastSuccess when a poll last succeeded, or {@code null}
 * @param backingOff the last polls were rate limited (HTTP 429, {@code RESOURCE_EXHAUSTED}) and the last good
 *     policy is still within the staleness bound: polls back off, and health stays UP
 * @param warnings what the served policy does that deserves an operator's attention without stopping it
 *     from being served, one line each (the service's policy opens everything to {@code allUsers})
 */
public record PolicySourceStatus(
    String locations,
    boolean loaded,
    @Nullable String etag,
    @Nullable Instant loadedAt,
    @Nullable Duration age,
    @Nullable String origin,
    long checks,
    long reloads,
    long failures,
    long consecutiveFailures,
    @Nullable String lastFailure,
    @Nullable Instant lastCheck,
    List<String> warnings,
    @Nullable Instant lastSuccess,
    boolean backingOff) {

  public PolicySourceStatus {
    warnings = List.copyOf(warnings);
  }

  /** A status without warnings. */
  public PolicySourceStatus(String locations, boolean loaded, @Nullable String etag, @Nullable Instant loadedAt,
      @Nullable Duration age, @Nullable String origin, long checks, long reloads, long failures,
      long consecutiveFailures, @Nullable String lastFailure, @Nullable Instant lastCheck) {
    this(locations, loaded, etag, loadedAt, age, origin, checks, reloads, failures, consecutiveFailures,
        lastFailure, lastCheck, List.of(), null, false);
  }
}
