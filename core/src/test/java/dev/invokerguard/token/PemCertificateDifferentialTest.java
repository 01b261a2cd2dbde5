package dev.invokerguard.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.util.X509CertUtils;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Holds the key-set parser's PEM reading ({@link KeySetParser#certificate}, the JDK's {@code CertificateFactory})
 * to Nimbus JOSE+JWT's {@code X509CertUtils.parse}, which the parser used before: the same texts give a
 * certificate, with the same public key, and the same ones give none.
 */
class PemCertificateDifferentialTest {

  @Test
  void certificateWhenGooglesPemTextsAndTheirMalformationsThenAsNimbusReadsThem() throws Exception {
    Map<String, Object> document = StreamingJson.readObject(
        TestKeys.resource("gal-java-legacy_federated_keys.json").getBytes(StandardCharsets.UTF_8));
    List<String> texts = new ArrayList<>();
    for (Object value : document.values()) {
      String pem = (String) value;
      texts.add(pem);
      texts.add(pem.replace("\n", "\r\n"));
      texts.add(pem.replace("\n", ""));
      texts.add("  leading text\n" + pem + "\ntrailing text  ");
      texts.add(pem.replace("-----END CERTIFICATE-----", ""));
      texts.add(pem.replace("-----BEGIN CERTIFICATE-----", ""));
      texts.add(pem.substring(0, pem.length() / 2) + "-----END CERTIFICATE-----");
      texts.add(pem.replace("MII", "MIJ"));
      texts.add(pem.replace("-----BEGIN CERTIFICATE-----", "-----BEGIN PUBLIC KEY-----"));
    }
    texts.add("");
    texts.add("not a certificate");
    texts.add("-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----");
    texts.add("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----");

    int certificates = 0;
    for (String text : texts) {
      X509Certificate ours = KeySetParser.certificate(text);
      X509Certificate nimbus = X509CertUtils.parse(text);
      assertThat(ours == null).as("a certificate or none, as Nimbus reads %s", text).isEqualTo(nimbus == null);
      if (ours != null) {
        certificates++;
        assertThat(ours.getPublicKey()).isEqualTo(nimbus.getPublicKey());
      }
    }
    assertThat(certificates).as("texts read as certificates").isGreaterThanOrEqualTo(4 * document.size());
  }
}
