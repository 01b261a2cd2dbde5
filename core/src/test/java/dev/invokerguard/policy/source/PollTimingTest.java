package dev.invokerguard.policy.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PollTimingTest {
  private static final Duration MINUTE = Duration.ofSeconds(60);

  @Test
  void firstDelayWhenRandomDrawsThenWithinTheFirstInterval() {
    assertThat(PollTiming.firstDelay(MINUTE, () -> 0.0)).isEqualTo(MINUTE);
    assertThat(PollTiming.firstDelay(MINUTE, () -> 0.75)).isEqualTo(Duration.ofSeconds(15));
    assertThat(PollTiming.firstDelay(MINUTE, () -> 0.9999999999)).isPositive();
  }

  @Test
  void nextDelayWhenNotRateLimitedThenIntervalWithTenPercentJitter() {
    assertThat(PollTiming.nextDelay(MINUTE, 0, null, () -> 0.0)).isEqualTo(Duration.ofSeconds(54));
    assertThat(PollTiming.nextDelay(MINUTE, 0, null, () -> 0.5)).isEqualTo(MINUTE);
    assertThat(PollTiming.nextDelay(MINUTE, 0, Duration.ofHours(1), () -> 0.0)).isEqualTo(Duration.ofSeconds(54));
  }

  @Test
  void nextDelayWhenRateLimitedThenExponentialBackoffCappedAndNeverBeforeRetryAfter() {
    assertThat(PollTiming.nextDelay(MINUTE, 1, null, () -> 0.999)).isBetween(Duration.ofSeconds(119),
        Duration.ofSeconds(120));
    assertThat(PollTiming.nextDelay(MINUTE, 3, null, () -> 0.0)).isEqualTo(Duration.ofMinutes(4));
    assertThat(PollTiming.nextDelay(MINUTE, 40, null, () -> 0.999)).isLessThanOrEqualTo(MINUTE.multipliedBy(16));
    assertThat(PollTiming.nextDelay(MINUTE, 1, Duration.ofMinutes(5), () -> 0.0)).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void retryAfterWhenSecondsOrDateOrJunkThenParsed() {
    assertThat(IamApiFetcher.retryAfter("30")).isEqualTo(Duration.ofSeconds(30));
    assertThat(IamApiFetcher.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isEqualTo(Duration.ZERO);
    assertThat(IamApiFetcher.retryAfter("soon")).isNull();
    assertThat(IamApiFetcher.retryAfter(null)).isNull();
  }
}
