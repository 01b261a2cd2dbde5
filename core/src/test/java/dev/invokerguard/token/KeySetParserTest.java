package dev.invokerguard.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyOperation;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.invokerguard.token.KeySetParser.Result;
import dev.invokerguard.token.TokenFamily.KeySetFormat;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeySetParserTest {
  private static final String GOOGLE_KID = "f9d97b4cae90bcd76aeb20026f6b770cac221783";

  @Test
  void parseWhenGoogleJwkSetThenEveryKeyIsReadWithItsAlgorithm() throws Exception {
    Result result = KeySetParser.parse(TestKeys.resource("gal-java-federated_keys.json"), KeySetFormat.JWK_SET);

    assertThat(result.succeeded()).isTrue();
    assertThat(result.keys()).containsKey(GOOGLE_KID);
    assertThat(result.keys().get(GOOGLE_KID).key()).isInstanceOf(RSAPublicKey.class);
    assertThat(result.keys().get(GOOGLE_KID).algorithm()).isEqualTo("RS256");
  }

  @Test
  void parseWhenGooglePemMapThenSameKeyAsInTheJwkSetWithoutAlgorithm() throws Exception {
    Result pem = KeySetParser.parse(TestKeys.resource("gal-java-legacy_federated_keys.json"),
        KeySetFormat.X509_PEM_MAP);
    Result jwk = KeySetParser.parse(TestKeys.resource("gal-java-federated_keys.json"), KeySetFormat.JWK_SET);

    assertThat(pem.succeeded()).isTrue();
    assertThat(pem.keys().get(GOOGLE_KID).key()).isEqualTo(jwk.keys().get(GOOGLE_KID).key());
    assertThat(pem.keys().get(GOOGLE_KID).algorithm()).isNull();
  }

  @Test
  void parseWhenEcKeyThenReadsEcPublicKey() throws Exception {
    Result result = KeySetParser.parse(TestKeys.jwks(TestKeys.EC_A), KeySetFormat.JWK_SET);

    assertThat(result.keys().get("ec-a").key()).isInstanceOf(ECPublicKey.class)
        .isEqualTo(TestKeys.EC_A.toECPublicKey());
    assertThat(result.keys().get("ec-a").algorithm()).isEqualTo("ES256");
  }

  @Test
  void parseWhenKeyIsForEncryptionThenSkipped() throws Exception {
    RSAKey encryption = new RSAKey.Builder(TestKeys.RSA_B.toRSAPublicKey()).keyID("enc").keyUse(KeyUse.ENCRYPTION)
        .build();

    Result result = KeySetParser.parse(TestKeys.jwks(TestKeys.RSA_A, encryption), KeySetFormat.JWK_SET);

    assertThat(result.keys()).containsOnlyKeys("rsa-a");
  }

  @Test
  void parseWhenKeyOperationsExcludeVerifyThenSkipped() throws Exception {
    RSAKey encryptOnly = new RSAKey.Builder(TestKeys.RSA_B.toRSAPublicKey()).keyID("ops")
        .keyOperations(Set.of(KeyOperation.ENCRYPT)).build();

    Result result = KeySetParser.parse(TestKeys.jwks(TestKeys.RSA_A, encryptOnly), KeySetFormat.JWK_SET);

    assertThat(result.keys()).containsOnlyKeys("rsa-a");
  }

  @Test
  void parseWhenKeyHasNoKidThenSkipped() throws Exception {
    RSAKey noKid = new RSAKey.Builder(TestKeys.RSA_B.toRSAPublicKey()).keyUse(KeyUse.SIGNATURE).build();

    Result result = KeySetParser.parse(TestKeys.jwks(TestKeys.RSA_A, noKid), KeySetFormat.JWK_SET);

    assertThat(result.keys()).containsOnlyKeys("rsa-a");
  }

  @Test
  void parseWhenSymmetricOrUnknownKeyTypeThenSkipped() throws Exception {
    OctetSequenceKey secret = new OctetSequenceKeyGenerator(256).keyID("oct").keyUse(KeyUse.SIGNATURE)
        .generate();
    String unknownType = "{\"kty\":\"XYZ\",\"kid\":\"xyz\",\"use\":\"sig\"}";
    String document = "{\"keys\":[" + secret.toJSONString() + "," + unknownType + ","
        + TestKeys.RSA_A.toPublicJWK().toJSONString() + "]}";

    Result result = KeySetParser.parse(document, KeySetFormat.JWK_SET);

    assertThat(result.keys()).containsOnlyKeys("rsa-a");
  }

  @Test
  void parseWhenRsaKeyBelow2048BitsThenSkipped() throws Exception {
    RSAKey weak = new RSAKeyGenerator(1024, true).keyID("weak").algorithm(JWSAlgorithm.RS256).generate();

    Result result = KeySetParser.parse(TestKeys.jwks(TestKeys.RSA_A, weak), KeySetFormat.JWK_SET);

    assertThat(result.keys()).containsOnlyKeys("rsa-a");
  }

  @Test
  void parseWhenOneKeyIsMalformedThenTheOthersAreKept() throws Exception {
    String broken = "{\"kty\":\"RSA\",\"kid\":\"broken\",\"n\":\"not base64url!\"}";
    String document = "{\"keys\":[" + broken + "," + TestKeys.RSA_A.toPublicJWK().toJSONString() + "]}";

    Result result = KeySetParser.parse(document, KeySetFormat.JWK_SET);

    assertThat(result.keys()).containsOnlyKeys("rsa-a");
  }

  @Test
  void parseWhenKidIsDuplicatedThenTheFirstKeyIsKept() throws Exception {
    RSAKey sameKid = new RSAKey.Builder(TestKeys.RSA_B.toRSAPublicKey()).keyID("rsa-a").build();

    Result result = KeySetParser.parse(TestKeys.jwks(TestKeys.RSA_A, sameKid), KeySetFormat.JWK_SET);

    assertThat(result.keys().get("rsa-a").key()).isEqualTo(TestKeys.RSA_A.toRSAPublicKey());
  }

  @Test
  void parseWhenNoUsableKeyThenFailsAsEmptyKeySet() throws Exception {
    RSAKey encryption = new RSAKey.Builder(TestKeys.RSA_B.toRSAPublicKey()).keyID("enc").keyUse(KeyUse.ENCRYPTION)
        .build();

    Result skipped = KeySetParser.parse(TestKeys.jwks(encryption), KeySetFormat.JWK_SET);
    Result empty = KeySetParser.parse("{\"keys\":[]}", KeySetFormat.JWK_SET);

    assertThat(skipped.succeeded()).isFalse();
    assertThat(skipped.error()).contains("empty key set");
    assertThat(empty.error()).contains("empty key set");
    assertThat(empty.keys()).isEmpty();
  }

  @Test
  void parseWhenKeyCarriesPrivatePartsOrAWeakExponentThenSkippedAndTheOthersKept() throws Exception {
    java.util.Map<String, Object> withPrivate = new java.util.LinkedHashMap<>(TestKeys.RSA_B.toJSONObject());
    java.util.Map<String, Object> exponentOne = new java.util.LinkedHashMap<>(TestKeys.RSA_A.toPublicJWK()
        .toJSONObject());
    exponentOne.put("e", "AQ");
    exponentOne.put("kid", "rsa-e1");
    String document = "{\"keys\":[" + com.nimbusds.jose.util.JSONObjectUtils.toJSONString(withPrivate) + ","
        + com.nimbusds.jose.util.JSONObjectUtils.toJSONString(exponentOne) + ","
        + TestKeys.RSA_A.toPublicJWK().toJSONString() + "]}";

    Result result = KeySetParser.parse(document, KeySetFormat.JWK_SET);

    assertThat(withPrivate).containsKey("d");
    assertThat(result.keys()).containsOnlyKeys("rsa-a");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "not json", "[1,2]", "{\"keys\":", "{\"keys\":\"x\"}", "{\"other\":[]}",
      "<html>error</html>", "{\"keys\":[],\"keys\":[]}", "{\"keys\":[]} {}", "{\"keys\":[]}]",
      "{\"keys\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}"})
  void parseWhenDocumentIsNotAJwkSetThenFails(String document) {
    Result result = KeySetParser.parse(document, KeySetFormat.JWK_SET);

    assertThat(result.succeeded()).isFalse();
    assertThat(result.error()).isNotBlank();
    assertThat(result.keys()).isEmpty();
  }

  @Test
  void parseWhenPemMapHasInvalidEntriesThenOnlyValidCertificatesAreKept() throws Exception {
    String google = TestKeys.resource("gal-java-legacy_federated_keys.json").trim();
    String document = google.substring(0, google.length() - 1)
        + ", \"garbage\": \"-----BEGIN CERTIFICATE-----\\nAAAA\\n-----END CERTIFICATE-----\\n\","
        + " \"number\": 42, \"\": \"x\"}";

    Result result = KeySetParser.parse(document, KeySetFormat.X509_PEM_MAP);

    assertThat(result.keys()).containsKey(GOOGLE_KID).doesNotContainKeys("garbage", "number", "");
  }

  @Test
  void parseWhenPemMapHasNoCertificateThenFailsAsEmptyKeySet() throws Exception {
    Result result = KeySetParser.parse("{\"a\": \"not a certificate\"}", KeySetFormat.X509_PEM_MAP);

    assertThat(result.error()).contains("empty key set");
  }

  @Test
  void parseWhenJwkSetGivenAsPemMapThenFails() throws Exception {
    Result result = KeySetParser.parse(TestKeys.resource("gal-java-federated_keys.json"),
        KeySetFormat.X509_PEM_MAP);

    assertThat(result.succeeded()).isFalse();
  }
}
