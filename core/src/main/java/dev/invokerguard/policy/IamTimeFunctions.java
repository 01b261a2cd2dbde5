package dev.invokerguard.policy;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/**
 * IAM's {@code date("YYYY-MM-DD")} function, which standard CEL lacks: the timestamp at midnight UTC of that
 * day. See the <a href="https://cloud.google.com/iam/docs/conditions-attribute-reference#date-time">IAM
 * Conditions attribute reference, date/time attributes</a>.
 */
final class IamTimeFunctions {

  /** Overload id of {@code date(string) -> timestamp}. */
  static final String DATE_OVERLOAD = "iam_date_string";

  private static final Pattern DATE_SHAPE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

  private IamTimeFunctions() {}

  /**
   * Midnight UTC of the given calendar day.
   *
   * @throws IllegalArgumentException when the text is not an existing day written {@code YYYY-MM-DD}
   */
  static Instant date(String text) {
    if (!DATE_SHAPE.matcher(text).matches()) {
      throw new IllegalArgumentException("date '" + text + "' is not written YYYY-MM-DD");
    }
    try {
      // ISO_LOCAL_DATE resolves strictly: 2024-02-30 is refused, not moved to March.
      return LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("date '" + text + "' is not a calendar day", e);
    }
  }
}
