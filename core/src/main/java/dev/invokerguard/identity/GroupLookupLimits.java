package dev.invokerguard.identity;

import java.time.Duration;

/**
 * The bounds of group membership lookups: how long answers are cached, how many are kept, how many API calls
 * a second may be made.
 *
 * @param memberTtl how long "member" is remembered (the delay before a removal takes effect)
 * @param nonMemberTtl how long "not a member" is remembered (the delay before an addition takes effect)
 * @param maxEntries how many (group, member) answers are kept
 * @param callsPerSecond API calls a second at most, in bursts of up to that many; beyond it a lookup is not
 *     made and its binding does not grant
 */
public record GroupLookupLimits(Duration memberTtl, Duration nonMemberTtl, long maxEntries,
    double callsPerSecond) {
  public static final Duration DEFAULT_MEMBER_TTL = Duration.ofMinutes(5);
  public static final Duration DEFAULT_NON_MEMBER_TTL = Duration.ofMinutes(1);
  public static final long DEFAULT_MAX_ENTRIES = 10_000;
  public static final double DEFAULT_CALLS_PER_SECOND = 20;
  public static final GroupLookupLimits DEFAULT = new GroupLookupLimits(DEFAULT_MEMBER_TTL,
      DEFAULT_NON_MEMBER_TTL, DEFAULT_MAX_ENTRIES, DEFAULT_CALLS_PER_SECOND);

  /** @throws IllegalArgumentException for a TTL, size or rate that is not positive */
  public GroupLookupLimits {
    positive(memberTtl, "the member cache ttl");
    positive(nonMemberTtl, "the non-member cache ttl");
    if (maxEntries < 1) {
      throw new IllegalArgumentException("the group cache size must be positive: " + maxEntries);
    }
    if (!(callsPerSecond > 0) || Double.isInfinite(callsPerSecond)) {
      throw new IllegalArgumentException("the group lookup rate must be positive: " + callsPerSecond);
    }
  }

  private static void positive(Duration value, String what) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(what + " must be positive: " + value);
    }
  }
}
