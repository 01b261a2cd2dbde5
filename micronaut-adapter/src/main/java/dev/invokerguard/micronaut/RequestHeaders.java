package dev.invokerguard.micronaut;

import dev.invokerguard.request.AccessRequest;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the guard reads of a request's headers, read once: the {@code Host} header (its first value and how many
 * were sent) and the headers named in {@link AccessRequest#HEADERS_READ}, all their values. On Micronaut's Netty
 * server the header list is walked once ({@link NettyHeaderList}); elsewhere each name is looked up.
 */
final class RequestHeaders {
  private @Nullable String host;
  private int hosts;
  private final List<String> read = new ArrayList<>(4); // name, value, name, value, ...

  private RequestHeaders() {}

  static RequestHeaders of(HttpRequest<?> request) {
    RequestHeaders headers = new RequestHeaders();
    HttpHeaders all = request.getHeaders();
    if (!NettyHeaderList.read(all, headers)) {
      headers.lookUp(all);
    }
    return headers;
  }

  private void lookUp(HttpHeaders all) {
    for (String value : all.getAll(HttpHeaders.HOST)) {
      host(value);
    }
    for (String name : AccessRequest.HEADERS_READ) {
      if (all.contains(name)) { // most are absent: a lookup that allocates nothing
        for (String value : all.getAll(name)) {
          add(name, value);
        }
      }
    }
  }

  void host(String value) {
    if (hosts++ == 0) {
      host = value;
    }
  }

  /** A header the guard reads; {@code name} is one of {@link AccessRequest#HEADERS_READ}. */
  void add(String name, String value) {
    read.add(name);
    read.add(value);
  }

  /** The first {@code Host} header, or {@code null} when none was sent. */
  @Nullable String host() {
    return host;
  }

  /** How many {@code Host} headers were sent. */
  int hosts() {
    return hosts;
  }

  /** Copies the headers the guard reads into {@code builder}. */
  AccessRequest.Builder copyTo(AccessRequest.Builder builder) {
    for (int i = 0; i < read.size(); i += 2) {
      builder.header(read.get(i), read.get(i + 1));
    }
    return builder;
  }
}
