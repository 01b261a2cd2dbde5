package dev.invokerguard.token;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses a published key-set document into verification keys by key id.
 *
 * <p>Two formats ({@link TokenFamily.KeySetFormat}): an RFC 7517 JWK set ({@code {"keys": [...]}}, section 5),
 * and Google's map of key id to PEM-encoded X.509 certificate (RFC 5280, PEM per RFC 7468). A key is
 * skipped, and logged at debug, when it has no {@code kid}, a {@code use} other than {@code sig}
 * (RFC 7517 section 4.2), {@code key_ops} without {@code verify} (section 4.3), a key type other than RSA or
 * EC, an RSA modulus below {@value #MIN_RSA_BITS} bits, private parameters, or cannot be decoded
 * ({@link JwkPublicKeys} has the rules); one bad key does not discard the others. Only public parts are kept. No
 * URL in the document ({@code x5u}, {@code jku}) is ever followed. A document that yields no usable key is a
 * failure, as is one that is not exactly one JSON object of the expected shape (a member named twice included).
 * The JSON is read with Jackson's streaming parser ({@link StreamingJson}) and the keys built with the JDK's
 * {@code KeyFactory}; {@code JwkPublicKeysDifferentialTest} holds them to what Nimbus JOSE+JWT's JWK parser
 * did.
 */
final class KeySetParser {
  static final int MIN_RSA_BITS = 2048;
  private static final Logger log = LoggerFactory.getLogger(KeySetParser.class);
  private static final String PEM_BEGIN = "-----BEGIN CERTIFICATE-----";
  private static final String PEM_END = "-----END CERTIFICATE-----";

  private KeySetParser() {}

  /**
   * One usable verification key.
   *
   * @param key the public key
   * @param algorithm the JWS {@code alg} the key declares, or {@code null} when it declares none
   */
  record ParsedKey(PublicKey key, @Nullable String algorithm) {
    ParsedKey {
      Objects.requireNonNull(key, "key");
    }
  }

  /**
   * The outcome of parsing: usable keys by key id, or why there are none.
   *
   * @param keys the keys by {@code kid}; empty on failure
   * @param error why the document was rejected, or {@code null} on success
   */
  record Result(Map<String, ParsedKey> keys, @Nullable String error) {
    Result {
      keys = Map.copyOf(keys);
    }

    static Result parsed(Map<String, ParsedKey> keys) {
      return keys.isEmpty() ? failed("empty key set: no usable key in the document") : new Result(keys, null);
    }

    static Result failed(String error) {
      return new Result(Map.of(), error);
    }

    boolean succeeded() {
      return error == null;
    }
  }

  /** Parses a document of the given format. Never throws. */
  static Result parse(String document, TokenFamily.KeySetFormat format) {
    if (document == null || document.isBlank()) {
      return Result.failed("empty document");
    }
    Map<String, Object> json;
    try {
      json = StreamingJson.readObject(document.getBytes(StandardCharsets.UTF_8));
    } catch (IOException | RuntimeException e) {
      return Result.failed("unparseable key set: not a JSON object");
    }
    return switch (format) {
      case JWK_SET -> parseJwkSet(json);
      case X509_PEM_MAP -> parsePemMap(json);
    };
  }

  private static Result parseJwkSet(Map<String, Object> json) {
    Object member = json.get("keys");
    if (member == null) {
      return Result.failed("unparseable key set: no \"keys\" array (RFC 7517 section 5)");
    }
    if (!(member instanceof List<?> entries)) {
      return Result.failed("unparseable key set: \"keys\" is not an array");
    }
    Map<String, ParsedKey> keys = new LinkedHashMap<>();
    for (int i = 0; i < entries.size(); i++) {
      if (!(entries.get(i) instanceof Map<?, ?>)) {
        log.debug("skipping key set entry {}: not a JSON object", i);
        continue;
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> entry = (Map<String, Object>) entries.get(i);
      Object kid = entry.get("kid");
      if (!(kid instanceof String id) || id.isEmpty()) {
        log.debug("skipping key set entry {}: no kid", i);
        continue;
      }
      JwkPublicKeys.Outcome outcome = JwkPublicKeys.of(entry);
      if (outcome.key() == null) {
        log.debug("skipping key {}: {}", id, outcome.refusal());
        continue;
      }
      ParsedKey key = outcome.key() instanceof RSAPublicKey rsa ? rsaKey(id, rsa, outcome.algorithm())
          : new ParsedKey(outcome.key(), outcome.algorithm());
      if (key != null) {
        add(keys, id, key);
      }
    }
    return Result.parsed(keys);
  }

  private static Result parsePemMap(Map<String, Object> json) {
    Map<String, ParsedKey> keys = new LinkedHashMap<>();
    for (Map.Entry<String, Object> entry : json.entrySet()) {
      String kid = entry.getKey();
      if (kid == null || kid.isEmpty()) {
        log.debug("skipping certificate without kid");
        continue;
      }
      if (!(entry.getValue() instanceof String pem)) {
        log.debug("skipping key {}: value is not a PEM string", kid);
        continue;
      }
      X509Certificate certificate = certificate(pem);
      if (certificate == null) {
        log.debug("skipping key {}: not a PEM X.509 certificate", kid);
        continue;
      }
      PublicKey publicKey = certificate.getPublicKey();
      ParsedKey key = switch (publicKey.getAlgorithm()) {
        case "RSA" -> rsaKey(kid, (RSAPublicKey) publicKey, null);
        case "EC" -> new ParsedKey(publicKey, null);
        default -> {
          log.debug("skipping key {}: unsupported key type {}", kid, publicKey.getAlgorithm());
          yield null;
        }
      };
      if (key != null) {
        add(keys, kid, key);
      }
    }
    return Result.parsed(keys);
  }

  /**
   * The X.509 certificate in a PEM text (<a href="https://www.rfc-editor.org/rfc/rfc7468#section-5">RFC 7468
   * section 5</a>: the base64 DER between the {@code CERTIFICATE} markers, blanks and line breaks ignored), or
   * {@code null} when the text holds none, its base64 is malformed, or the DER is not a certificate.
   */
  static @Nullable X509Certificate certificate(String pem) {
    int begin = pem.indexOf(PEM_BEGIN);
    if (begin < 0) {
      return null;
    }
    int start = begin + PEM_BEGIN.length();
    int end = pem.indexOf(PEM_END, start);
    if (end < 0) {
      return null;
    }
    try {
      byte[] der = Base64.getDecoder().decode(pem.substring(start, end).replaceAll("\\s", ""));
      Certificate certificate = CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(der));
      return certificate instanceof X509Certificate x509 ? x509 : null;
    } catch (CertificateException | IllegalArgumentException e) {
      return null;
    }
  }

  private static ParsedKey rsaKey(String kid, RSAPublicKey key, String alg) {
    int bits = key.getModulus().bitLength();
    if (bits < MIN_RSA_BITS) {
      log.debug("skipping key {}: RSA modulus of {} bits is below {}", kid, bits, MIN_RSA_BITS);
      return null;
    }
    return new ParsedKey(key, alg);
  }

  private static void add(Map<String, ParsedKey> keys, String kid, ParsedKey key) {
    if (keys.putIfAbsent(kid, key) != null) {
      log.debug("skipping key {}: duplicate kid, the first one is kept", kid);
    }
  }
}
