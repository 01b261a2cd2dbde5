package dev.invokerguard.token;

import java.io.IOException;
import java.util.Base64;
import java.util.Map;

/**
 * A compact JWS (RFC 7515 section 7.1) split into its parts, with header and payload decoded.
 * Nothing here is trusted: the signature has not been checked.
 */
final class CompactJws {
  static final String SIGNATURE_REMOVED = "SIGNATURE_REMOVED_BY_GOOGLE";
  private static final Base64.Decoder BASE64URL = Base64.getUrlDecoder();

  final Map<String, Object> header;
  final Map<String, Object> payload;
  final String signingInput;
  final byte[] signature;

  private CompactJws(Map<String, Object> header, Map<String, Object> payload, String signingInput,
      byte[] signature) {
    this.header = header;
    this.payload = payload;
    this.signingInput = signingInput;
    this.signature = signature;
  }

  /** The parts, or a rejection; never throws. */
  static Object parse(String token) {
    int first = token.indexOf('.');
    int second = first < 0 ? -1 : token.indexOf('.', first + 1);
    if (first <= 0 || second <= first + 1 || token.indexOf('.', second + 1) >= 0) {
      return TokenVerification.rejected(TokenError.MALFORMED,
          "the token is not a compact JWS of three segments");
    }
    String encodedSignature = token.substring(second + 1);
    if (encodedSignature.equals(SIGNATURE_REMOVED)) {
      return TokenVerification.rejected(TokenError.SIGNATURE_REMOVED_BY_GOOGLE,
          "the token's signature was removed by Google: Cloud Run already verified and stripped the"
              + " token in the Authorization header. Send the token in the X-Serverless-Authorization"
              + " header instead, so that the application can verify it");
    }
    try {
      Map<String, Object> header = json(token.substring(0, first));
      Map<String, Object> payload = json(token.substring(first + 1, second));
      byte[] signature = encodedSignature.isEmpty() ? new byte[0] : decode(encodedSignature);
      return new CompactJws(header, payload, token.substring(0, second), signature);
    } catch (IllegalArgumentException | IOException e) {
      return TokenVerification.rejected(TokenError.MALFORMED,
          "the token's segments are not base64url-encoded JSON objects");
    }
  }

  /**
   * The header and payload of a token whose signature Cloud Run removed ({@value #SIGNATURE_REMOVED}), or a
   * rejection when the token is not one. Never throws. The signature is empty: nothing here is verified.
   */
  static Object parseStripped(String token) {
    int first = token.indexOf('.');
    int second = first < 0 ? -1 : token.indexOf('.', first + 1);
    if (first <= 0 || second <= first + 1 || !token.substring(second + 1).equals(SIGNATURE_REMOVED)) {
      return TokenVerification.rejected(TokenError.MALFORMED,
          "the token is not one whose signature Cloud Run removed");
    }
    try {
      return new CompactJws(json(token.substring(0, first)), json(token.substring(first + 1, second)),
          token.substring(0, second), new byte[0]);
    } catch (IllegalArgumentException | IOException e) {
      return TokenVerification.rejected(TokenError.MALFORMED,
          "the token's segments are not base64url-encoded JSON objects");
    }
  }

  /**
   * One JSON object; duplicate member names are refused (two {@code aud} or {@code iss} claims are
   * ambiguous), and so is anything after the object.
   */
  private static Map<String, Object> json(String segment) throws IOException {
    return StreamingJson.readObject(decode(segment));
  }

  /**
   * Decodes base64url without padding (RFC 7515 section 2, RFC 4648 section 5), refusing every
   * non-canonical spelling: padding, characters outside the alphabet, a length that leaves one character
   * over, and a last character whose unused low bits are not zero (RFC 4648 section 3.5). Each byte string
   * then has exactly one accepted encoding, so a token has exactly one accepted spelling.
   */
  static byte[] decode(String segment) {
    int last = 0;
    for (int i = 0; i < segment.length(); i++) {
      last = sextet(segment.charAt(i));
      if (last < 0) {
        throw new IllegalArgumentException("not base64url");
      }
    }
    int unusedBits = switch (segment.length() % 4) {
      case 0 -> 0;
      case 2 -> 4;
      case 3 -> 2;
      default -> throw new IllegalArgumentException("not a whole number of bytes");
    };
    if ((last & ((1 << unusedBits) - 1)) != 0) {
      throw new IllegalArgumentException("non-canonical base64url: unused bits are not zero");
    }
    return BASE64URL.decode(segment);
  }

  private static int sextet(char c) {
    if (c >= 'A' && c <= 'Z') {
      return c - 'A';
    }
    if (c >= 'a' && c <= 'z') {
      return c - 'a' + 26;
    }
    if (c >= '0' && c <= '9') {
      return c - '0' + 52;
    }
    return c == '-' ? 62 : c == '_' ? 63 : -1;
  }

  String headerString(String name) {
    Object value = header.get(name);
    return value instanceof String s ? s : null;
  }
}
