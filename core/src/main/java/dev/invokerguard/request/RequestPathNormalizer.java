package dev.invokerguard.request;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a raw request path into the path conditions see, as IAP does: the {@link PathFirewall} on the raw
 * path, path parameters removed from each segment when allowed, dot segments resolved
 * (<a href="https://www.rfc-editor.org/rfc/rfc3986#section-5.2.4">RFC 3986 section 5.2.4</a>, except that a
 * {@code ..} above the root is refused), the firewall again on the resolved path, and the remaining
 * percent-escapes decoded once as UTF-8. Case is kept.
 */
final class RequestPathNormalizer {

  private RequestPathNormalizer() {}

  static String normalize(String rawPath, boolean allowPathParameters) throws TargetRejection {
    if (rawPath == null || rawPath.isEmpty()) {
      throw new TargetRejection("path is empty");
    }
    if (rawPath.charAt(0) != '/') {
      throw new TargetRejection("path does not start with '/'");
    }
    boolean escapes = PathFirewall.checkCharacters(rawPath, allowPathParameters);
    PathFirewall.checkSegments(rawPath);
    String path = rawPath;
    if (allowPathParameters && path.indexOf(';') >= 0) {
      path = removePathParameters(path);
      PathFirewall.checkSegments(path);
    }
    String resolved = resolveDotSegments(path);
    if (!resolved.equals(path)) {
      PathFirewall.checkCharacters(resolved, allowPathParameters);
      PathFirewall.checkSegments(resolved);
    }
    return escapes ? decode(resolved) : resolved;
  }

  /** {@code /a;x=1/b;y} becomes {@code /a/b}: each segment loses everything from its first {@code ;}. */
  static String removePathParameters(String path) {
    StringBuilder out = new StringBuilder(path.length());
    boolean inParameters = false;
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '/') {
        inParameters = false;
      } else if (c == ';') {
        inParameters = true;
      }
      if (!inParameters) {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** RFC 3986 remove_dot_segments on an absolute path, refusing a {@code ..} that would leave the root. */
  static String resolveDotSegments(String path) throws TargetRejection {
    if (!path.contains("/.")) {
      return path;
    }
    String[] segments = path.substring(1).split("/", -1);
    List<String> output = new ArrayList<>(segments.length);
    for (int i = 0; i < segments.length; i++) {
      boolean last = i == segments.length - 1;
      String segment = segments[i];
      if (segment.equals("..")) {
        if (output.isEmpty()) {
          throw new TargetRejection("path climbs above the root with '..'");
        }
        output.remove(output.size() - 1);
      } else if (!segment.equals(".")) {
        output.add(segment);
        continue;
      }
      if (last) {
        output.add("");
      }
    }
    return "/" + String.join("/", output);
  }

  /** Decodes percent-escapes once; the escapes must spell UTF-8 and must not decode to a control character. */
  static String decode(String path) throws TargetRejection {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(path.length());
    int runStart = 0;
    for (int i = 0; i < path.length(); i++) {
      if (path.charAt(i) == '%') {
        bytes.writeBytes(path.substring(runStart, i).getBytes(StandardCharsets.UTF_8));
        bytes.write(Integer.parseInt(path, i + 1, i + 3, 16));
        i += 2;
        runStart = i + 1;
      }
    }
    bytes.writeBytes(path.substring(runStart).getBytes(StandardCharsets.UTF_8));
    String decoded;
    try {
      decoded =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes.toByteArray()))
              .toString();
    } catch (CharacterCodingException e) {
      throw new TargetRejection("path contains percent-escapes that are not UTF-8");
    }
    for (int i = 0; i < decoded.length(); i++) {
      if (Character.isISOControl(decoded.charAt(i))) {
        throw new TargetRejection("path contains an encoded control character");
      }
    }
    return decoded;
  }
}
