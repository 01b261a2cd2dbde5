package dev.invokerguard.token;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A snapshot of one key source's counters, for health checks and metrics.
 *
 * @param keySetUri the key source
 * @param fetches HTTP fetches attempted (first load, refresh-ahead, unknown-kid refetches)
 * @param failures fetches that failed (network, timeout, non-2xx, unparseable or empty key set)
 * @param unknownKidRefetches fetches caused by an unknown {@code kid}
 * @param keyCount keys in the set now serving (0 when none)
 * @param fetchedAt when the serving key set was fetched, or {@code null} when none ever was
 * @param age how old the serving key set is, or {@code null} when none ever was
 * @param expiresAt when the serving key set's lifetime ends (it may serve stale after), or {@code null}
 * @param lastError the last failure's description, or {@code null} if the last fetch succeeded
 */
public record KeySetStats(
    URI keySetUri,
    long fetches,
    long failures,
    long unknownKidRefetches,
    int keyCount,
    @Nullable Instant fetchedAt,
    @Nullable Duration age,
    @Nullable Instant expiresAt,
    @Nullable String lastError) {}
