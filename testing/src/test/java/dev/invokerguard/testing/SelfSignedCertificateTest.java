package dev.invokerguard.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.SignatureException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SelfSignedCertificateTest {
  private static final Instant NOT_BEFORE = Instant.parse("2030-01-01T00:00:00Z");
  private static final Instant NOT_AFTER = Instant.parse("2030-01-15T00:00:00Z");
  private static KeyPair keys;
  private static KeyPair otherKeys;

  @BeforeAll
  static void generateKeys() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    keys = generator.generateKeyPair();
    otherKeys = generator.generateKeyPair();
  }

  @Test
  void derWhenParsedThenIsV3CertificateSignedByItsOwnKey() throws Exception {
    X509Certificate certificate = parse(der(NOT_BEFORE, NOT_AFTER));

    certificate.verify(keys.getPublic());
    assertThat(certificate.getVersion()).isEqualTo(3);
    assertThat(certificate.getSigAlgName()).isEqualTo("SHA256withRSA");
    assertThat(certificate.getPublicKey()).isEqualTo(keys.getPublic());
    assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=example.test");
    assertThat(certificate.getIssuerX500Principal()).isEqualTo(certificate.getSubjectX500Principal());
    assertThat(certificate.getNotBefore()).isEqualTo(Date.from(NOT_BEFORE));
    assertThat(certificate.getNotAfter()).isEqualTo(Date.from(NOT_AFTER));
    assertThat(certificate.getBasicConstraints()).isEqualTo(-1);
    assertThat(certificate.getKeyUsage()[0]).isTrue();
    assertThat(certificate.getCriticalExtensionOIDs()).containsExactlyInAnyOrder("2.5.29.19", "2.5.29.15");
  }

  @Test
  void derWhenVerifiedWithAnotherKeyThenFails() throws Exception {
    X509Certificate certificate = parse(der(NOT_BEFORE, NOT_AFTER));

    assertThatThrownBy(() -> certificate.verify(otherKeys.getPublic()))
        .isInstanceOf(SignatureException.class);
  }

  @Test
  void derWhenValidityEndsAfter2049ThenDatesSurvive() throws Exception {
    Instant notAfter = Instant.parse("2051-06-30T12:34:56Z");

    X509Certificate certificate = parse(der(NOT_BEFORE, notAfter));

    assertThat(certificate.getNotAfter()).isEqualTo(Date.from(notAfter));
  }

  @Test
  void pemWhenParsedThenHasGoogleLayoutAndSameCertificate() throws Exception {
    byte[] der = der(NOT_BEFORE, NOT_AFTER);

    String pem = SelfSignedCertificate.pem(der);

    assertThat(pem).startsWith("-----BEGIN CERTIFICATE-----\n").endsWith("\n-----END CERTIFICATE-----\n");
    assertThat(pem.lines().filter(line -> !line.startsWith("-----")))
        .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(64));
    X509Certificate certificate =
        (X509Certificate)
            CertificateFactory.getInstance("X.509")
                .generateCertificate(
                    new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    assertThat(certificate.getEncoded()).isEqualTo(der);
  }

  @Test
  void oidWhenArcNeedsSeveralBytesThenUsesBase128() {
    assertThat(SelfSignedCertificate.oid("1.2.840.113549"))
        .containsExactly(0x06, 0x06, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d);
  }

  @Test
  void tlvWhenContentLongerThan127ThenUsesLongFormLength() {
    byte[] encoded = SelfSignedCertificate.tlv(0x04, new byte[300]);

    assertThat(encoded).startsWith(0x04, 0x82, 0x01, 0x2c).hasSize(304);
  }

  private static byte[] der(Instant notBefore, Instant notAfter) {
    return SelfSignedCertificate.der(keys, "example.test", notBefore, notAfter, new SecureRandom());
  }

  private static X509Certificate parse(byte[] der) throws Exception {
    return (X509Certificate)
        CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
  }
}
