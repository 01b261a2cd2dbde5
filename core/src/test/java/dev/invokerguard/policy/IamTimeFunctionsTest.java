package dev.invokerguard.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IamTimeFunctionsTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "2024-03-10, 2024-03-10T00:00:00Z",
    "2024-02-29, 2024-02-29T00:00:00Z",
    "1970-01-01, 1970-01-01T00:00:00Z",
    "9999-12-31, 9999-12-31T00:00:00Z"
  })
  void dateWhenCalendarDayThenMidnightUtc(String text, String expected) {
    assertThat(IamTimeFunctions.date(text)).isEqualTo(Instant.parse(expected));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
    "2024-02-30", "2023-02-29", "2024-13-01", "2024-00-10", "2024-3-1", "24-03-01", "+2024-03-01",
    "2024-03-10T00:00:00Z", "2024/03/10", ""
  })
  void dateWhenNotAnExistingDayThenRefused(String text) {
    assertThatIllegalArgumentException().isThrownBy(() -> IamTimeFunctions.date(text)).withMessageContaining(text);
  }
}
