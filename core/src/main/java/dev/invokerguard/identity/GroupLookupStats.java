package dev.invokerguard.identity;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The counters of group membership lookups, for health and metrics.
 *
 * @param api which API answers: {@code cloud-identity}, {@code directory}, or the lookup's class name
 * @param calls calls made to the API
 * @param cacheHits answers served from the cache
 * @param members calls that answered "member"
 * @param nonMembers calls that answered "not a member"
 * @param failures failed lookups by why (refused by the rate limit or a 429's backoff included)
 * @param staleAnswers failed lookups answered with the pair's last known answer (at most its TTL plus
 *     {@link GroupLookups#STALE_FOR} old)
 * @param lastSuccess when a call last answered, or {@code null}
 * @param lastFailure when a lookup last failed, or {@code null}
 * @param lastError why it failed, or {@code null}
 */
public record GroupLookupStats(String api, long calls, long cacheHits, long members, long nonMembers,
    Map<GroupLookupException.Code, Long> failures, long staleAnswers, @Nullable Instant lastSuccess,
    @Nullable Instant lastFailure,
    @Nullable String lastError) {

  public GroupLookupStats {
    failures = Map.copyOf(failures);
  }

  /** Whether the latest lookup failed (no call has answered since). */
  public boolean failing() {
    return lastFailure != null && (lastSuccess == null || lastFailure.isAfter(lastSuccess));
  }
}
