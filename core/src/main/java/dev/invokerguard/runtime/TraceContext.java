package dev.invokerguard.runtime;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The trace a request belongs to, from the W3C {@code traceparent} header
 * (<a href="https://www.w3.org/TR/trace-context/#traceparent-header">Trace Context</a>) or Google's
 * {@code X-Cloud-Trace-Context: TRACE_ID/SPAN_ID;o=1}, in the form Cloud Logging links log lines to traces by
 * (<a href="https://cloud.google.com/logging/docs/structured-logging#special-payload-fields">special
 * payload fields</a>).
 *
 * @param traceId 32 hexadecimal digits
 * @param spanId 16 hexadecimal digits, or {@code null}
 * @param sampled whether the trace is sampled
 */
record TraceContext(String traceId, @Nullable String spanId, boolean sampled) {
  private static final Pattern TRACEPARENT = Pattern.compile(
      "[0-9a-f]{2}-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(?:-.*)?");
  private static final Pattern CLOUD = Pattern.compile("([0-9a-fA-F]{32})(?:/(\\d{1,20}))?(?:;o=([0-9]))?");
  private static final String ZERO_TRACE = "0".repeat(32);

  /** The trace of a header value, or {@code null} when it is absent or malformed. */
  static @Nullable TraceContext parse(@Nullable String header) {
    if (header == null || header.length() > 256) {
      return null;
    }
    Matcher w3c = TRACEPARENT.matcher(header.strip());
    if (w3c.matches()) {
      return w3c.group(1).equals(ZERO_TRACE) ? null
          : new TraceContext(w3c.group(1), w3c.group(2), (Integer.parseInt(w3c.group(3), 16) & 1) == 1);
    }
    Matcher cloud = CLOUD.matcher(header.strip());
    if (cloud.matches()) {
      String span = null;
      if (cloud.group(2) != null) {
        try {
          span = String.format("%016x", Long.parseUnsignedLong(cloud.group(2)));
        } catch (NumberFormatException e) {
          span = null;
        }
      }
      return new TraceContext(cloud.group(1).toLowerCase(java.util.Locale.ROOT), span, "1".equals(cloud.group(3)));
    }
    return null;
  }

  /** {@code projects/PROJECT/traces/TRACE_ID}, or the trace id alone when the project is not known. */
  String resource(@Nullable String projectId) {
    return projectId == null ? traceId : "projects/" + projectId + "/traces/" + traceId;
  }
}
