package dev.invokerguard.samples.enduser;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * HTTP/1.1 over a plain socket, one request per connection: the request goes out exactly as written (no
 * client adds or drops a header, so preflights and origins are the test's own).
 */
record RawHttp(int port) {

  /** One response: status, headers (every value; names case-insensitive) and body text. */
  record Response(int status, Map<String, List<String>> headers, String body) {
    /** The last value of a header. */
    Optional<String> header(String name) {
      List<String> values = headers.get(name);
      return values == null ? Optional.empty() : Optional.of(values.get(values.size() - 1));
    }

    /** Every value of a header. */
    List<String> all(String name) {
      return headers.getOrDefault(name, List.of());
    }

    @Override
    public String toString() {
      return status + " " + headers + "\n" + body;
    }
  }

  /** {@code GET target} with {@code Host: localhost:PORT} and these header lines. */
  Response get(String target, String... headerLines) throws IOException {
    return send("GET", target, "", headerLines);
  }

  /** {@code OPTIONS target}, as a browser's CORS preflight is sent when the header lines say so. */
  Response options(String target, String... headerLines) throws IOException {
    return send("OPTIONS", target, "", headerLines);
  }

  /** {@code POST target} with a form body. */
  Response postForm(String target, String form) throws IOException {
    return send("POST", target, form, "Content-Type: application/x-www-form-urlencoded");
  }

  private Response send(String method, String target, String body, String... headerLines) throws IOException {
    StringBuilder request = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
    boolean host = false;
    for (String line : headerLines) {
      host |= line.toLowerCase(Locale.ROOT).startsWith("host:");
      request.append(line).append("\r\n");
    }
    if (!host) {
      request.append("Host: localhost:").append(port).append("\r\n");
    }
    byte[] content = body.getBytes(StandardCharsets.UTF_8);
    if (!method.equals("GET") && !method.equals("OPTIONS")) {
      request.append("Content-Length: ").append(content.length).append("\r\n");
    }
    request.append("Connection: close\r\n\r\n");
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.write(content);
      out.flush();
      return parse(new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1));
    }
  }

  private static Response parse(String text) {
    int end = text.indexOf("\r\n\r\n");
    String head = end < 0 ? text : text.substring(0, end);
    String[] lines = head.split("\r\n");
    int status = Integer.parseInt(lines[0].substring(9, 12));
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.computeIfAbsent(lines[i].substring(0, colon).strip(), n -> new ArrayList<>())
            .add(lines[i].substring(colon + 1).strip());
      }
    }
    String body = end < 0 ? "" : text.substring(end + 4);
    if (headers.containsKey("Transfer-Encoding")) {
      body = unchunk(body);
    }
    return new Response(status, headers, body);
  }

  private static String unchunk(String chunked) {
    StringBuilder body = new StringBuilder();
    int at = 0;
    while (at < chunked.length()) {
      int lineEnd = chunked.indexOf("\r\n", at);
      int size = Integer.parseInt(chunked.substring(at, lineEnd).strip(), 16);
      if (size == 0) {
        break;
      }
      body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
      at = lineEnd + 2 + size + 2;
    }
    return body.toString();
  }
}
