package dev.invokerguard.policy.source;

import java.time.Duration;
import java.time.Instant;
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
    @Nullable Instant lastCheck) {}
