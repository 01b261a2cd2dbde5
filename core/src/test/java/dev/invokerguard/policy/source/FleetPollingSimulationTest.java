package dev.invokerguard.policy.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invokerguard.policy.PolicyLayer;
import dev.invokerguard.policy.PolicyLoader;
import dev.invokerguard.policy.PolicyText;
import dev.invokerguard.testing.MutableClock;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A fleet of 1,000 instances started by one deploy, each polling its service's policy every 60 s, against one
 * Admin API that answers 429 ({@code RESOURCE_EXHAUSTED}, {@code Retry-After: 10}) above 300 requests per
 * 10-second window (30 requests/s; the fleet's average is 16.7/s). Simulated on virtual time with one
 * scheduler, so it runs in seconds.
 */
class FleetPollingSimulationTest {
  static final int SOURCES = 1_000;
  static final Duration INTERVAL = Duration.ofSeconds(60);
  static final Duration WINDOW = Duration.ofSeconds(10);
  static final int LIMIT_PER_WINDOW = 300;
  static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  static final String LOCATION = "cloudrun://projects/p/locations/europe-west1/services/hello";

  /** The one API of the fleet: counts every request by window, and refuses those above the limit. */
  static final class FakeApi {
    final MutableClock clock;
    final TreeMap<Long, Integer> requestsByWindow = new TreeMap<>();
    long refused;
    String etag = "BwV1";
    String member = "user:alice@example.com";

    FakeApi(MutableClock clock) {
      this.clock = clock;
    }

    DocumentFetcher.Fetched fetch() throws IOException {
      long window = Duration.between(T0, clock.instant()).toMillis() / WINDOW.toMillis();
      if (requestsByWindow.merge(window, 1, Integer::sum) > LIMIT_PER_WINDOW) {
        refused++;
        throw new DocumentFetcher.RateLimited("HTTP 429 from the Admin API: RESOURCE_EXHAUSTED",
            Duration.ofSeconds(10));
      }
      return new DocumentFetcher.Fetched(PolicyText.json(LOCATION, """
          {"version": 1, "etag": "%s", "bindings": [{"role": "roles/run.invoker", "members": ["%s"]}]}"""
          .formatted(etag, member)), etag);
    }

    /** The most requests of any window starting at or after {@code from}. */
    int peakFrom(Duration from) {
      return requestsByWindow.tailMap(from.toMillis() / WINDOW.toMillis()).values().stream()
          .mapToInt(Integer::intValue).max().orElse(0);
    }
  }

  @Test
  void fleetWhenStartedTogetherThenPeakUnderTheLimitAfterTheFirstMinuteAndEverySourceConverges() {
    MutableClock clock = MutableClock.at(T0);
    VirtualScheduler scheduler = new VirtualScheduler(clock);
    FakeApi api = new FakeApi(clock);
    Random random = new Random(20260301L);
    PolicySourceOptions options = PolicySourceOptions.builder().clock(clock).executor(scheduler)
        .random(random::nextDouble).cloudRunInterval(INTERVAL).credentials(uri -> Map.of()).build();
    PolicyLoader loader = PolicyLoader.defaults();
    List<ReloadingPolicySource> fleet = new ArrayList<>();
    for (int i = 0; i < SOURCES; i++) {
      fleet.add(new ReloadingPolicySource(LOCATION, List.of(new ReloadingPolicySource.LayerSpec(LOCATION,
          PolicyLayer.SERVICE, api::fetch, INTERVAL)), loader, List.of(), options).start());
    }

    scheduler.runUntil(T0.plus(Duration.ofMinutes(5)));
    long servingBeforeChange = fleet.stream().filter(s -> etag(s).equals("BwV1")).count();
    api.etag = "BwV2";
    api.member = "user:bob@example.com";
    Instant changed = clock.instant();
    scheduler.runUntil(T0.plus(Duration.ofMinutes(15)));

    assertThat(api.requestsByWindow.get(0L)).as("the start-up burst").isGreaterThan(LIMIT_PER_WINDOW);
    assertThat(api.peakFrom(Duration.ofMinutes(1))).as("peak requests per 10 s after the first minute")
        .isLessThanOrEqualTo(LIMIT_PER_WINDOW);
    assertThat(servingBeforeChange).isEqualTo(SOURCES);
    assertThat(fleet).allSatisfy(source -> {
      assertThat(etag(source)).isEqualTo("BwV2");
      assertThat(source.status().loadedAt()).isBefore(changed.plus(INTERVAL.multipliedBy(2)));
    });
    long total = api.requestsByWindow.values().stream().mapToInt(Integer::intValue).sum();
    assertThat(total).as("about one request per instance per interval")
        .isBetween((long) SOURCES * 14, (long) SOURCES * 18);
    fleet.forEach(ReloadingPolicySource::close);
  }

  private static String etag(ReloadingPolicySource source) {
    return source.current().map(PolicySnapshot::etag).orElse("");
  }
}
