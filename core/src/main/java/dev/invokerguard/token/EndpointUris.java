package dev.invokerguard.token;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one rule for every URL InvokerGuard fetches keys or policies from (key sets, the Cloud Run Admin and
 * Resource Manager API bases): {@code https} with a host, or plain {@code http} only to loopback, where
 * nothing leaves the machine. Loopback means an IP literal in {@code 127.0.0.0/8} written in dotted-decimal
 * form, the IPv6 literal {@code [::1]} (in any of its spellings), or the name {@code localhost}
 * (RFC 6761 section 6.3). A name that merely starts with {@code 127.} ({@code 127.0.0.1.nip.io}) is a DNS
 * name like any other and must use https.
 */
public final class EndpointUris {
  private static final Pattern OCTET = Pattern.compile("25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9]");
  private static final Pattern HEX_GROUP = Pattern.compile("[0-9a-fA-F]{1,4}");

  /** What {@link #isAllowed} requires, for error messages. */
  public static final String RULE = "https, or plain http only to localhost, 127.0.0.0/8 or [::1]";

  private EndpointUris() {}

  /** Whether InvokerGuard may fetch from {@code uri}. */
  public static boolean isAllowed(URI uri) {
    if (uri == null || uri.getScheme() == null || uri.getHost() == null || uri.getHost().isEmpty()) {
      return false;
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    return scheme.equals("https") || (scheme.equals("http") && isLoopback(uri.getHost()));
  }

  /**
   * Whether a URI host ({@link URI#getHost()}, IPv6 literals in brackets) is loopback: {@code localhost},
   * a dotted-decimal IPv4 literal in {@code 127.0.0.0/8}, or an IPv6 literal equal to {@code ::1}.
   */
  public static boolean isLoopback(String host) {
    if (host == null) {
      return false;
    }
    if (host.equalsIgnoreCase("localhost")) {
      return true;
    }
    if (host.length() > 2 && host.charAt(0) == '[' && host.charAt(host.length() - 1) == ']') {
      return isIpv6Loopback(host.substring(1, host.length() - 1));
    }
    String[] octets = host.split("\\.", -1);
    if (octets.length != 4 || !octets[0].equals("127")) {
      return false;
    }
    for (String octet : octets) {
      if (!OCTET.matcher(octet).matches()) {
        return false;
      }
    }
    return true;
  }

  /** Whether an IPv6 literal (no brackets, no zone) is {@code ::1}, however it is written. */
  private static boolean isIpv6Loopback(String literal) {
    int gap = literal.indexOf("::");
    if (gap != literal.lastIndexOf("::")) {
      return false;
    }
    String[] head = gap < 0 ? literal.split(":", -1) : groups(literal.substring(0, gap));
    String[] tail = gap < 0 ? new String[0] : groups(literal.substring(gap + 2));
    int count = head.length + tail.length;
    if (gap < 0 ? count != 8 : count > 7 || tail.length == 0) {
      return false;
    }
    String[] all = new String[count];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(tail, 0, all, head.length, tail.length);
    for (int i = 0; i < all.length; i++) {
      if (!HEX_GROUP.matcher(all[i]).matches() || Integer.parseInt(all[i], 16) != (i == all.length - 1 ? 1 : 0)) {
        return false;
      }
    }
    return true;
  }

  private static String[] groups(String part) {
    return part.isEmpty() ? new String[0] : part.split(":", -1);
  }
}
