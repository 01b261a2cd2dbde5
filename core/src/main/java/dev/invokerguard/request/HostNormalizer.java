package dev.invokerguard.request;

import java.net.IDN;
import java.util.Locale;

/**
 * Normalises a {@code Host} header the way IAP documents before conditions read {@code request.host}:
 * lowercase, port removed, one trailing dot removed, internationalised names converted to Punycode
 * (<a href="https://www.rfc-editor.org/rfc/rfc3490">RFC 3490</a> ToASCII with STD3 rules). IPv6 literals keep
 * their brackets. See <a href="https://cloud.google.com/iap/docs/cloud-iap-context-aware-access-howto">IAP
 * access levels and conditions</a> and the
 * <a href="https://cloud.google.com/iam/docs/conditions-attribute-reference#request-host">IAM
 * {@code request.host} attribute</a>.
 */
final class HostNormalizer {

  private static final int MAX_HOST_LENGTH = 253;
  private static final int MAX_LABEL_LENGTH = 63;

  private HostNormalizer() {}

  static String normalize(String host) throws TargetRejection {
    if (host == null || host.isEmpty()) {
      throw new TargetRejection("host is missing");
    }
    if (host.charAt(0) == '[') {
      return ipv6Literal(host);
    }
    int colon = host.indexOf(':');
    String name = host;
    if (colon >= 0) {
      if (host.indexOf(':', colon + 1) >= 0) {
        throw new TargetRejection("host is an IPv6 address without brackets");
      }
      checkPort(host.substring(colon + 1));
      name = host.substring(0, colon);
    }
    if (name.endsWith(".")) {
      name = name.substring(0, name.length() - 1);
    }
    if (name.isEmpty()) {
      throw new TargetRejection("host is missing");
    }
    String ascii = isPlainAscii(name) ? name.toLowerCase(Locale.ROOT) : toPunycode(name);
    checkLabels(ascii);
    return ascii;
  }

  private static String ipv6Literal(String host) throws TargetRejection {
    int close = host.indexOf(']');
    if (close < 0) {
      throw new TargetRejection("host has an unterminated IPv6 literal");
    }
    String address = host.substring(1, close);
    if (address.indexOf(':') < 0 || !address.chars().allMatch(HostNormalizer::isIpv6Char)) {
      throw new TargetRejection("host is not a valid IPv6 literal");
    }
    String rest = host.substring(close + 1);
    if (!rest.isEmpty()) {
      if (rest.charAt(0) != ':') {
        throw new TargetRejection("host has text after its IPv6 literal");
      }
      checkPort(rest.substring(1));
    }
    return "[" + address.toLowerCase(Locale.ROOT) + "]";
  }

  private static void checkPort(String port) throws TargetRejection {
    if (port.isEmpty() || port.length() > 5) {
      throw new TargetRejection("host has an invalid port");
    }
    int value = 0;
    for (int i = 0; i < port.length(); i++) {
      char c = port.charAt(i);
      if (c < '0' || c > '9') {
        throw new TargetRejection("host has an invalid port");
      }
      value = value * 10 + (c - '0');
    }
    if (value > 65535) {
      throw new TargetRejection("host has an invalid port");
    }
  }

  private static String toPunycode(String name) throws TargetRejection {
    try {
      return IDN.toASCII(name, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      throw new TargetRejection("host is not a valid host name");
    }
  }

  /** STD3 rules on an ASCII name: letters, digits and inner hyphens, labels of 1 to 63 characters. */
  private static void checkLabels(String name) throws TargetRejection {
    if (name.length() > MAX_HOST_LENGTH) {
      throw new TargetRejection("host name is too long");
    }
    int start = 0;
    while (start <= name.length()) {
      int end = name.indexOf('.', start);
      if (end < 0) {
        end = name.length();
      }
      int length = end - start;
      if (length == 0 || length > MAX_LABEL_LENGTH
          || name.charAt(start) == '-' || name.charAt(end - 1) == '-') {
        throw new TargetRejection("host is not a valid host name");
      }
      for (int i = start; i < end; i++) {
        if (!isLabelChar(name.charAt(i))) {
          throw new TargetRejection("host is not a valid host name");
        }
      }
      start = end + 1;
    }
  }

  private static boolean isPlainAscii(String name) {
    for (int i = 0; i < name.length(); i++) {
      if (name.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  private static boolean isLabelChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  }

  private static boolean isIpv6Char(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':' || c == '.';
  }
}
