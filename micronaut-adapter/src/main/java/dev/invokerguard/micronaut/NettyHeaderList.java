package dev.invokerguard.micronaut;

import dev.invokerguard.request.AccessRequest;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.netty.NettyHttpHeaders;
import io.netty.util.AsciiString;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * One walk over the Netty header list behind a request on Micronaut's Netty server, picking the {@code Host}
 * header and those the guard reads: cheaper than a hashed lookup per name, most of which find nothing. Only
 * this class names Netty's types, and it is used only when {@code micronaut-http-netty} is on the class path.
 */
final class NettyHeaderList {
  private static final boolean PRESENT = present();
  private static final String HOST = "host";
  private static final List<String> NAMES = AccessRequest.HEADERS_READ;

  private NettyHeaderList() {}

  /** Reads {@code headers} into {@code into} if they are Netty's; false (nothing read) otherwise. */
  static boolean read(HttpHeaders headers, RequestHeaders into) {
    return PRESENT && Netty.read(headers, into);
  }

  private static boolean present() {
    try {
      Class.forName("io.micronaut.http.netty.NettyHttpHeaders", false, NettyHeaderList.class.getClassLoader());
      Class.forName("io.netty.util.AsciiString", false, NettyHeaderList.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /** Loaded only when the Netty classes are present. */
  private static final class Netty {
    static boolean read(HttpHeaders headers, RequestHeaders into) {
      if (!(headers instanceof NettyHttpHeaders netty)) {
        return false;
      }
      Iterator<Map.Entry<CharSequence, CharSequence>> entries = netty.getNettyHeaders().iteratorCharSequence();
      while (entries.hasNext()) {
        Map.Entry<CharSequence, CharSequence> entry = entries.next();
        CharSequence name = entry.getKey();
        if (name.length() == HOST.length() && AsciiString.contentEqualsIgnoreCase(name, HOST)) {
          into.host(entry.getValue().toString());
          continue;
        }
        String read = readName(name);
        if (read != null) {
          into.add(read, entry.getValue().toString());
        }
      }
      return true;
    }

    /** The name in {@link AccessRequest#HEADERS_READ} that {@code name} is, ignoring case; or null. */
    private static String readName(CharSequence name) {
      int length = name.length();
      for (int i = 0; i < NAMES.size(); i++) {
        String candidate = NAMES.get(i);
        if (candidate.length() == length && AsciiString.contentEqualsIgnoreCase(name, candidate)) {
          return candidate;
        }
      }
      return null;
    }
  }
}
