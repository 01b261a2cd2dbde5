package dev.invokerguard.policy.source;

import java.time.Duration;
import java.util.function.DoubleSupplier;
import org.jspecify.annotations.Nullable;

/**
 * When the next poll of a Google API runs, so that a fleet started by one deploy does not poll in step:
 * the first poll after start-up at a random point of the first interval, then every interval with
 * &plusmn;{@value #JITTER_PERCENT}&nbsp;% jitter; after a rate-limited answer (HTTP 429 or
 * {@code RESOURCE_EXHAUSTED}) exponential backoff with jitter, never sooner than the answer's
 * {@code Retry-After}, at most {@value #MAX_BACKOFF_INTERVALS} intervals (see
 * <a href="https://cloud.google.com/apis/design/errors#error_retries">Google API error retries</a>).
 */
final class PollTiming {
  static final int JITTER_PERCENT = 10;
  static final int MAX_BACKOFF_INTERVALS = 16;
  private static final Duration MIN_DELAY = Duration.ofMillis(1);

  private PollTiming() {}

  /** Uniform in (0, interval]. */
  static Duration firstDelay(Duration interval, DoubleSupplier random) {
    return atLeastOne(scale(interval, 1 - random.getAsDouble()));
  }

  /**
   * The delay before the next poll.
   *
   * @param rateLimitedInARow consecutive rate-limited polls (0 after any other outcome)
   * @param retryAfter the last answer's {@code Retry-After}, or {@code null}
   */
  static Duration nextDelay(Duration interval, long rateLimitedInARow, @Nullable Duration retryAfter,
      DoubleSupplier random) {
    if (rateLimitedInARow <= 0) {
      double jitter = JITTER_PERCENT / 100.0;
      return atLeastOne(scale(interval, 1 - jitter + 2 * jitter * random.getAsDouble()));
    }
    int doublings = (int) Math.min(rateLimitedInARow, 30);
    Duration cap = scale(interval, Math.min(Math.pow(2, doublings), MAX_BACKOFF_INTERVALS));
    Duration backoff = scale(cap, 0.5 + 0.5 * random.getAsDouble());
    if (retryAfter != null && retryAfter.compareTo(backoff) > 0) {
      backoff = retryAfter.plus(scale(interval, JITTER_PERCENT / 100.0 * random.getAsDouble()));
    }
    return atLeastOne(backoff);
  }

  private static Duration scale(Duration d, double factor) {
    return Duration.ofNanos((long) (d.toNanos() * factor));
  }

  private static Duration atLeastOne(Duration d) {
    return d.compareTo(MIN_DELAY) < 0 ? MIN_DELAY : d;
  }
}
