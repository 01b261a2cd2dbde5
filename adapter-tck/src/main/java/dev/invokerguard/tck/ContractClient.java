package dev.invokerguard.tck;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Sends requests to a running adapter over real HTTP/1.1 on loopback: through the JDK {@link HttpClient}
 * for ordinary requests, and over a plain socket where a client would normalise what is sent (the
 * request-target, {@code Host}, repeated headers). Timeouts are generous: the suite may run on a loaded
 * machine, and no check here is about speed.
 */
final class ContractClient {
  /** The {@code Host} raw requests send unless they name one. */
  static final String DEFAULT_HOST = "contract.invokerguard.test";
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(20);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

  private final URI base;
  private final HttpClient http;

  ContractClient(URI base) {
    this.base = base;
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT)
        .followRedirects(HttpClient.Redirect.NEVER).build();
  }

  /** A GET through the JDK client; each header line is {@code "Name: value"}. */
  Reply get(String path, String... headerLines) throws IOException {
    return send("GET", path, headerLines);
  }

  /** A request through the JDK client; each header line is {@code "Name: value"}. */
  Reply send(String method, String path, String... headerLines) throws IOException {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(REQUEST_TIMEOUT)
        .method(method, HttpRequest.BodyPublishers.noBody());
    for (String line : headerLines) {
      int colon = line.indexOf(':');
      request.header(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
    }
    try {
      HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Reply(response.statusCode(), response.headers().map(),
          new String(response.body(), StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted: " + method + " " + path, e);
    }
  }

  /**
   * A GET written byte for byte: {@code target} as the request-target, the header lines as given, then
   * {@code Host: }{@value #DEFAULT_HOST} unless a {@code Host} line is among them, and
   * {@code Connection: close}.
   */
  Reply rawGet(String target, String... headerLines) throws IOException {
    StringBuilder request = new StringBuilder("GET ").append(target).append(" HTTP/1.1\r\n");
    boolean host = false;
    for (String line : headerLines) {
      host |= line.regionMatches(true, 0, "Host:", 0, 5);
      request.append(line).append("\r\n");
    }
    if (!host) {
      request.append("Host: ").append(DEFAULT_HOST).append("\r\n");
    }
    return raw(request.append("Connection: close\r\n\r\n").toString());
  }

  /** Writes {@code request} (ISO-8859-1) on a new connection and reads the response until the server closes. */
  Reply raw(String request) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), (int) CONNECT_TIMEOUT.toMillis());
      socket.setSoTimeout((int) REQUEST_TIMEOUT.toMillis());
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      byte[] bytes;
      try {
        bytes = socket.getInputStream().readAllBytes();
      } catch (java.net.SocketException reset) {
        throw new IOException("connection reset before a response to "
            + request.lines().findFirst().orElse(""), reset);
      }
      return parse(new String(bytes, StandardCharsets.ISO_8859_1), request);
    }
  }

  private static Reply parse(String text, String request) throws IOException {
    int end = text.indexOf("\r\n\r\n");
    if (!text.startsWith("HTTP/1.") || end < 0) {
      throw new IOException("no HTTP response to " + request.lines().findFirst().orElse("") + ": " + text);
    }
    String[] lines = text.substring(0, end).split("\r\n");
    int status = Integer.parseInt(lines[0].substring(9, 12));
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.computeIfAbsent(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
            n -> new ArrayList<>()).add(lines[i].substring(colon + 1).strip());
      }
    }
    String body = text.substring(end + 4);
    List<String> coding = headers.getOrDefault("transfer-encoding", List.of());
    if (coding.stream().anyMatch(v -> v.toLowerCase(Locale.ROOT).contains("chunked"))) {
      body = dechunk(body);
    }
    return new Reply(status, headers, body);
  }

  /** The payload of a chunked body (RFC 9112 section 7.1); chunk extensions and trailers are dropped. */
  static String dechunk(String chunked) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int at = 0;
    while (true) {
      int lineEnd = chunked.indexOf("\r\n", at);
      if (lineEnd < 0) {
        throw new IOException("truncated chunked body: " + chunked);
      }
      String sizeField = chunked.substring(at, lineEnd).split(";", 2)[0].strip();
      int size = Integer.parseInt(sizeField, 16);
      if (size == 0) {
        return out.toString(StandardCharsets.ISO_8859_1);
      }
      int start = lineEnd + 2;
      if (start + size > chunked.length()) {
        throw new IOException("truncated chunked body: " + chunked);
      }
      out.write(chunked.substring(start, start + size).getBytes(StandardCharsets.ISO_8859_1));
      at = start + size + 2;
    }
  }
}
