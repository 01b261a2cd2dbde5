package dev.invokerguard.tck;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One HTTP response as the suite saw it: status, every header value (names compared case-insensitively)
 * and the body as text.
 *
 * @param status the status code
 * @param headers header values by name
 * @param body the body, decoded as UTF-8 (ISO-8859-1 for raw-socket exchanges)
 */
record Reply(int status, Map<String, List<String>> headers, String body) {
  Reply {
    Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((name, values) -> copy.computeIfAbsent(name, n -> new ArrayList<>())
        .addAll(values));
    copy.replaceAll((name, values) -> List.copyOf(values));
    headers = copy;
  }

  /** The first value of a header. */
  Optional<String> header(String name) {
    return headerValues(name).stream().findFirst();
  }

  /** Every value of a header, in the order received. */
  List<String> headerValues(String name) {
    return headers.getOrDefault(name, List.of());
  }

  /** The media type of {@code Content-Type}, lower case, without parameters; empty when absent. */
  String mediaType() {
    return header("Content-Type").map(v -> v.split(";", 2)[0].strip().toLowerCase(Locale.ROOT)).orElse("");
  }

  @Override
  public String toString() {
    return status + " " + headers + "\n" + (body.length() > 2000 ? body.substring(0, 2000) + "..." : body);
  }
}
