package dev.invokerguard.testing;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;

/**
 * A self-signed X.509 v3 certificate for an RSA key pair, DER-encoded by hand (RFC 5280), signed
 * with SHA256withRSA. Shaped like the certificates Google publishes for Firebase session keys: one
 * common name as issuer and subject, CA false, key usage digitalSignature.
 */
final class SelfSignedCertificate {
  private static final byte[] SHA256_WITH_RSA = oid("1.2.840.113549.1.1.11");
  private static final byte[] COMMON_NAME = oid("2.5.4.3");
  private static final byte[] BASIC_CONSTRAINTS = oid("2.5.29.19");
  private static final byte[] KEY_USAGE = oid("2.5.29.15");
  private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'");
  private static final DateTimeFormatter GENERALIZED_TIME =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'");

  private SelfSignedCertificate() {}

  /** The DER encoding of a certificate for {@code keys}, valid from {@code notBefore} to {@code notAfter}. */
  static byte[] der(
      KeyPair keys, String commonName, Instant notBefore, Instant notAfter, SecureRandom random) {
    byte[] serial = new byte[16];
    random.nextBytes(serial);
    byte[] algorithm = sequence(SHA256_WITH_RSA, tlv(0x05, new byte[0]));
    byte[] name = sequence(set(sequence(COMMON_NAME, tlv(0x0c, utf8(commonName)))));
    byte[] extensions =
        sequence(
            sequence(BASIC_CONSTRAINTS, tlv(0x01, new byte[] {(byte) 0xff}), octets(sequence())),
            sequence(
                KEY_USAGE,
                tlv(0x01, new byte[] {(byte) 0xff}),
                octets(tlv(0x03, new byte[] {0x07, (byte) 0x80}))));
    byte[] tbs =
        sequence(
            tlv(0xa0, integer(BigInteger.TWO)),
            integer(new BigInteger(1, serial)),
            algorithm,
            name,
            sequence(time(notBefore), time(notAfter)),
            name,
            keys.getPublic().getEncoded(),
            tlv(0xa3, extensions));
    byte[] signature;
    try {
      Signature signer = Signature.getInstance("SHA256withRSA");
      signer.initSign(keys.getPrivate());
      signer.update(tbs);
      signature = signer.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign the certificate", e);
    }
    return sequence(tbs, algorithm, tlv(0x03, concat(new byte[] {0}, signature)));
  }

  /** The certificate as PEM: 64-character lines, each ending in a newline. */
  static String pem(byte[] der) {
    String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
    return "-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n";
  }

  private static byte[] time(Instant instant) {
    ZonedDateTime t = instant.atZone(ZoneOffset.UTC);
    boolean utcTime = t.getYear() >= 1950 && t.getYear() < 2050;
    return utcTime
        ? tlv(0x17, ascii(UTC_TIME.format(t)))
        : tlv(0x18, ascii(GENERALIZED_TIME.format(t)));
  }

  private static byte[] integer(BigInteger value) {
    return tlv(0x02, value.toByteArray());
  }

  private static byte[] octets(byte[] content) {
    return tlv(0x04, content);
  }

  private static byte[] sequence(byte[]... parts) {
    return tlv(0x30, concat(parts));
  }

  private static byte[] set(byte[]... parts) {
    return tlv(0x31, concat(parts));
  }

  static byte[] oid(String dotted) {
    String[] arcs = dotted.split("\\.");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(Integer.parseInt(arcs[0]) * 40 + Integer.parseInt(arcs[1]));
    for (int i = 2; i < arcs.length; i++) {
      long arc = Long.parseLong(arcs[i]);
      int groups = Math.max(1, (64 - Long.numberOfLeadingZeros(arc) + 6) / 7);
      for (int g = groups - 1; g >= 0; g--) {
        int seven = (int) ((arc >>> (7 * g)) & 0x7f);
        out.write(g == 0 ? seven : seven | 0x80);
      }
    }
    return tlv(0x06, out.toByteArray());
  }

  static byte[] tlv(int tag, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
    out.write(tag);
    int length = content.length;
    if (length < 0x80) {
      out.write(length);
    } else {
      int bytes = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
      out.write(0x80 | bytes);
      for (int i = bytes - 1; i >= 0; i--) {
        out.write(length >>> (8 * i));
      }
    }
    out.writeBytes(content);
    return out.toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
