package dev.invokerguard.request;

/**
 * Refuses request paths that different components could read differently, before any rule runs: control
 * characters and NUL (raw or percent-encoded), backslashes, empty segments ({@code //}), encoded
 * {@code /}, {@code \}, {@code .}, {@code %} and {@code ;}, malformed escapes, {@code ..;} segments, a
 * {@code ?} or {@code #} inside the path, and {@code ;} unless path parameters are allowed. Modelled on IAP's
 * path normalisation (<a href="https://cloud.google.com/iap/docs/concepts-overview">IAP overview</a>) and the
 * percent-encoding rules of <a href="https://www.rfc-editor.org/rfc/rfc3986#section-2.1">RFC 3986 section
 * 2.1</a>. Messages name the rule and never echo the path.
 */
final class PathFirewall {

  private PathFirewall() {}

  /**
   * Checks every character and escape of a path.
   *
   * @return whether the path holds percent-escapes (which then still have to be decoded)
   */
  static boolean checkCharacters(String path, boolean allowPathParameters) throws TargetRejection {
    boolean escapes = false;
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (Character.isISOControl(c)) {
        throw new TargetRejection("path contains a NUL or control character");
      }
      switch (c) {
        case '\\' -> throw new TargetRejection("path contains a backslash");
        case '?' -> throw new TargetRejection("path contains '?' (the query is not part of the path)");
        case '#' -> throw new TargetRejection("path contains '#' (a fragment is not part of the path)");
        case ';' -> {
          if (!allowPathParameters) {
            throw new TargetRejection("path contains ';' (path parameters are not allowed)");
          }
        }
        case '%' -> {
          checkEscape(path, i);
          escapes = true;
          i += 2;
        }
        default -> {}
      }
    }
    return escapes;
  }

  /** Checks the segments of a path: no empty segment and no segment starting with {@code ..;}. */
  static void checkSegments(String path) throws TargetRejection {
    if (path.contains("//")) {
      throw new TargetRejection("path contains an empty segment (//)");
    }
    if (path.contains("/..;")) {
      throw new TargetRejection("path contains a segment starting with '..;'");
    }
  }

  private static void checkEscape(String path, int percent) throws TargetRejection {
    int high = percent + 1 < path.length() ? Character.digit(path.charAt(percent + 1), 16) : -1;
    int low = percent + 2 < path.length() ? Character.digit(path.charAt(percent + 2), 16) : -1;
    if (high < 0 || low < 0) {
      throw new TargetRejection("path contains invalid percent-encoding");
    }
    int octet = high * 16 + low;
    switch (octet) {
      case 0x00 -> throw new TargetRejection("path contains an encoded NUL (%00)");
      case '/' -> throw new TargetRejection("path contains an encoded slash (%2F)");
      case '\\' -> throw new TargetRejection("path contains an encoded backslash (%5C)");
      case '.' -> throw new TargetRejection("path contains an encoded dot (%2E)");
      case '%' -> throw new TargetRejection("path contains an encoded percent sign (%25)");
      case ';' -> throw new TargetRejection("path contains an encoded semicolon (%3B)");
      default -> {
        if (octet < 0x20 || octet == 0x7F) {
          throw new TargetRejection(
              "path contains an encoded control character (" + String.format("%%%02X", octet) + ")");
        }
      }
    }
  }
}
