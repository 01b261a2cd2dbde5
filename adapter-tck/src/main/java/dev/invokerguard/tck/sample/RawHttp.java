package dev.invokerguard.tck.sample;

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
 * HTTP/1.1 (<a href="https://www.rfc-editor.org/rfc/rfc9112">RFC 9112</a>) over a plain socket to
 * {@code 127.0.0.1}, one request per connection: the method, request-target and headers go out exactly as
 * written (no client rewrites {@code Host} or the path). The response is read until the server closes the
 * connection, and a chunked body is decoded.
 *
 * @param port the loopback port
 * @param defaultHost the {@code Host} sent when a request's header lines have none
 */
public record RawHttp(int port, String defaultHost) {

  /** Requests to {@code port} with {@code Host: svc.example.com} unless they name another. */
  public RawHttp(int port) {
    this(port, "svc.example.com");
  }

  /**
   * One response.
   *
   * @param status the status code
   * @param headers the headers (last value wins; names case-insensitive)
   * @param allHeaders every value of each header, in order (names case-insensitive)
   * @param body the body text (UTF-8), de-chunked
   */
  public record Response(int status, Map<String, String> headers, Map<String, List<String>> allHeaders,
      String body) {
    /** The header's (last) value, if it was sent. */
    public Optional<String> header(String name) {
      return Optional.ofNullable(headers.get(name));
    }

    /** Every value of a header, in order; empty when it was not sent. */
    public List<String> all(String name) {
      return allHeaders.getOrDefault(name, List.of());
    }

    @Override
    public String toString() {
      return status + " " + headers + "\n" + body;
    }
  }

  /** GET {@code target} with these header lines, and the default {@code Host} unless one is a Host. */
  public Response get(String target, String... headerLines) throws IOException {
    return send("GET", target, headerLines);
  }

  /** GET {@code target} with {@code Authorization: Bearer token} and these header lines. */
  public Response getWithToken(String target, String token, String... headerLines) throws IOException {
    String[] all = new String[headerLines.length + 1];
    all[0] = "Authorization: Bearer " + token;
    System.arraycopy(headerLines, 0, all, 1, headerLines.length);
    return send("GET", target, all);
  }

  /** {@code OPTIONS target} with these header lines: a CORS preflight when they carry its headers. */
  public Response options(String target, String... headerLines) throws IOException {
    return send("OPTIONS", target, headerLines);
  }

  /** {@code POST target} with a form body ({@code application/x-www-form-urlencoded}). */
  public Response postForm(String target, String form) throws IOException {
    return sendWithBody("POST", target, form, "Content-Type: application/x-www-form-urlencoded");
  }

  /** {@code method target} with these header lines, and the default {@code Host} unless one is a Host. */
  public Response send(String method, String target, String... headerLines) throws IOException {
    return exchange(head(method, target, headerLines).append("\r\n").toString());
  }

  /** {@code method target} with these header lines, a {@code Content-Length} and this body (UTF-8). */
  public Response sendWithBody(String method, String target, String body, String... headerLines)
      throws IOException {
    byte[] content = body.getBytes(StandardCharsets.UTF_8);
    StringBuilder request = head(method, target, headerLines)
        .append("Content-Length: ").append(content.length).append("\r\n\r\n");
    return exchange(request.toString() + new String(content, StandardCharsets.ISO_8859_1));
  }

  private StringBuilder head(String method, String target, String... headerLines) {
    StringBuilder request = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
    boolean host = false;
    for (String line : headerLines) {
      host |= line.toLowerCase(Locale.ROOT).startsWith("host:");
      request.append(line).append("\r\n");
    }
    if (!host) {
      request.append("Host: ").append(defaultHost).append("\r\n");
    }
    return request.append("Connection: close\r\n");
  }

  /** Sends this request text as it is and reads the response until the server closes the connection. */
  public Response exchange(String request) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      String text;
      try {
        text = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      } catch (java.net.SocketException reset) {
        throw new IOException("connection reset before a response to " + request.lines().findFirst().orElse(""),
            reset);
      }
      return parse(text);
    }
  }

  private static Response parse(String text) {
    int end = text.indexOf("\r\n\r\n");
    String head = end < 0 ? text : text.substring(0, end);
    String[] lines = head.split("\r\n");
    if (lines.length == 0 || lines[0].length() < 12) {
      throw new IllegalStateException("no HTTP response: \"" + text + "\"");
    }
    int status = Integer.parseInt(lines[0].substring(9, 12));
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    Map<String, List<String>> allHeaders = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        String name = lines[i].substring(0, colon).strip();
        String value = lines[i].substring(colon + 1).strip();
        headers.put(name, value);
        allHeaders.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
      }
    }
    String body = end < 0 ? "" : text.substring(end + 4);
    if ("chunked".equalsIgnoreCase(headers.get("Transfer-Encoding"))) {
      body = dechunk(body);
    }
    return new Response(status, headers, allHeaders, body);
  }

  private static String dechunk(String body) {
    StringBuilder out = new StringBuilder();
    int at = 0;
    while (at < body.length()) {
      int eol = body.indexOf("\r\n", at);
      if (eol < 0) {
        break;
      }
      int size = Integer.parseInt(body.substring(at, eol).split(";")[0].strip(), 16);
      if (size == 0) {
        break;
      }
      out.append(body, eol + 2, eol + 2 + size);
      at = eol + 2 + size + 2;
    }
    return out.toString();
  }
}
