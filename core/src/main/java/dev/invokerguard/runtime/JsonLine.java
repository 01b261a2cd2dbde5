package dev.invokerguard.runtime;

/**
 * Writes one JSON object on one line, field by field, escaping every string (RFC 8259 section 7): quote,
 * backslash and control characters, and U+2028/U+2029 so the line stays one line for any log reader.
 * Fields whose value is {@code null} are left out.
 */
final class JsonLine {
  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private final StringBuilder out;
  private boolean first = true;

  JsonLine(int capacity) {
    out = new StringBuilder(capacity).append('{');
  }

  JsonLine field(String name, String value) {
    if (value != null) {
      name(name);
      string(value);
    }
    return this;
  }

  JsonLine field(String name, long value) {
    name(name);
    out.append(value);
    return this;
  }

  JsonLine field(String name, boolean value) {
    name(name);
    out.append(value);
    return this;
  }

  /** A field whose value is already JSON (an object another {@link JsonLine} wrote). */
  JsonLine raw(String name, String json) {
    name(name);
    out.append(json);
    return this;
  }

  String end() {
    return out.append('}').toString();
  }

  private void name(String name) {
    if (!first) {
      out.append(',');
    }
    first = false;
    string(name);
    out.append(':');
  }

  private void string(String value) {
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == '\u2028' || c == '\u2029' || c == 0x7f) {
            out.append("\\u").append(HEX[(c >> 12) & 0xf]).append(HEX[(c >> 8) & 0xf])
                .append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
