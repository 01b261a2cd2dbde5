package dev.invokerguard.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CacheLifetimeTest {
  private static final Duration MIN = Duration.ofMinutes(5);
  private static final Duration MAX = Duration.ofHours(24);

  @ParameterizedTest(name = "[{0}] Age {1} -> {2} s")
  @CsvSource(nullValues = "NONE", delimiter = '|', value = {
      "public, max-age=19008, must-revalidate, no-transform | NONE | 19008",
      "MAX-AGE=600 | NONE | 600",
      "max-age=\"600\" | NONE | 600",
      "max-age=600 | 100 | 500",
      "max-age=600 | -5 | 600",
      "max-age=600 | abc | 600",
      "max-age=600 | 99999999999999999999 | 300",
      "max-age=99999999999999999999 | NONE | 86400",
      "max-age=600, max-age=900 | NONE | 300",
      "max-age=600, max-age=600 | NONE | 600",
      "max-age=-1 | NONE | 300",
      "max-age= | NONE | 300",
      "max-age | NONE | 300",
      "no-cache | NONE | 300",
      "no-cache=\"set-cookie, x\", max-age=600 | NONE | 600",
      "private, no-store, max-age=600 | NONE | 300",
      "s-maxage=900 | NONE | 300",
      "public | NONE | 300"})
  void ofWhenHeadersGivenThenMaxAgeMinusAgeClamped(String cacheControl, String age, long seconds) {
    Duration lifetime = CacheLifetime.of(List.of(cacheControl), Optional.ofNullable(age), MIN, MAX);

    assertThat(lifetime).isEqualTo(Duration.ofSeconds(seconds));
  }

  @ParameterizedTest(name = "{0} / {1} -> {2} s")
  @CsvSource({"public, max-age=900, 900", "max-age=900, no-store, 300"})
  void ofWhenCacheControlSpansSeveralFieldsThenAllAreRead(String first, String second, long seconds) {
    Duration lifetime = CacheLifetime.of(List.of(first, second), Optional.empty(), MIN, MAX);

    assertThat(lifetime).isEqualTo(Duration.ofSeconds(seconds));
  }
}
