package dev.invokerguard.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyOperation;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * {@link JwkPublicKeys} against Nimbus JOSE+JWT's {@code JWK.parse}, which read key sets before: on valid keys
 * and on every single change of one member of them, both take the same key (same encoding, same {@code alg}) or
 * both refuse, except where InvokerGuard is deliberately stricter (private parameters, RSA exponents below 3 or
 * even, base64url with misplaced padding: Nimbus accepts all three).
 */
class JwkPublicKeysDifferentialTest {

  @Test
  void ofWhenAnyKeyOrOneMemberChangedThenSameOutcomeAsNimbusExceptWhereStricter() throws Exception {
    List<Map<String, Object>> cases = new ArrayList<>();
    for (Map<String, Object> valid : validKeys()) {
      cases.add(valid);
      for (Consumer<Map<String, Object>> change : changes()) {
        Map<String, Object> changed = new LinkedHashMap<>(valid);
        change.accept(changed);
        cases.add(changed);
      }
    }
    int accepted = 0;
    int refused = 0;
    List<String> differences = new ArrayList<>();
    for (Map<String, Object> jwk : cases) {
      JwkPublicKeys.Outcome ours = JwkPublicKeys.of(jwk);
      NimbusOutcome theirs = nimbus(jwk);
      boolean stricter = jwk.containsKey("d") || weakExponent(jwk) || paddedBase64(jwk);
      if (stricter) {
        assertThat(ours.key()).as("refused by InvokerGuard: %s", jwk).isNull();
        continue;
      }
      boolean same = ours.key() == null ? theirs.key() == null
          : theirs.key() != null && ours.key().equals(theirs.key())
              && java.util.Objects.equals(ours.algorithm(), theirs.algorithm());
      if (!same) {
        differences.add(jwk + ": InvokerGuard " + (ours.key() == null ? "refuses (" + ours.refusal() + ")" : "takes")
            + ", Nimbus " + (theirs.key() == null ? "refuses (" + theirs.why() + ")" : "takes"));
      }
      if (ours.key() != null) {
        accepted++;
      } else {
        refused++;
      }
    }
    assertThat(differences).isEmpty();
    assertThat(accepted).isGreaterThan(10);
    assertThat(refused).isGreaterThan(50);
  }

  /** Nimbus decodes base64url with misplaced padding; InvokerGuard refuses it. */
  private static boolean paddedBase64(Map<String, Object> jwk) {
    List<String> members = "EC".equals(jwk.get("kty")) ? List.of("x", "y") : List.of("n", "e");
    return members.stream().anyMatch(member -> "AQAB==".equals(jwk.get(member)));
  }

  private static boolean weakExponent(Map<String, Object> jwk) {
    return "RSA".equals(jwk.get("kty")) && ("AQ".equals(jwk.get("e")) || "Ag".equals(jwk.get("e")));
  }

  private static List<Map<String, Object>> validKeys() throws Exception {
    List<Map<String, Object>> keys = new ArrayList<>();
    keys.add(TestKeys.RSA_A.toPublicJWK().toJSONObject());
    keys.add(TestKeys.EC_A.toPublicJWK().toJSONObject());
    for (Curve curve : List.of(Curve.P_384, Curve.P_521)) {
      keys.add(new ECKeyGenerator(curve).keyID("ec-" + curve).generate().toPublicJWK().toJSONObject());
    }
    Map<String, Object> google = JSONObjectUtils.parse(TestKeys.resource("gal-java-federated_keys.json"));
    for (Object key : JSONObjectUtils.getJSONArray(google, "keys")) {
      @SuppressWarnings("unchecked")
      Map<String, Object> map = (Map<String, Object>) key;
      keys.add(new LinkedHashMap<>(map));
    }
    Map<String, Object> withCertificate = new LinkedHashMap<>(keys.get(keys.size() - 1));
    withCertificate.put("x5c", List.of(certificate((String) withCertificate.get("kid"))));
    keys.add(withCertificate);
    return keys;
  }

  /** The DER (base64) of the Google certificate published under {@code kid}. */
  private static String certificate(String kid) throws Exception {
    Map<String, Object> pems = JSONObjectUtils.parse(TestKeys.resource("gal-java-legacy_federated_keys.json"));
    String pem = (String) pems.getOrDefault(kid, pems.values().iterator().next());
    return pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
  }

  private static List<Consumer<Map<String, Object>>> changes() throws Exception {
    List<Consumer<Map<String, Object>>> changes = new ArrayList<>();
    for (String member : List.of("kty", "n", "e", "crv", "x", "y", "kid", "alg", "use")) {
      changes.add(jwk -> jwk.remove(member));
      for (Object value : List.of("", "@@@", "AQAB", "AQ", "Ag", "AQAB==", 5, true, List.of("x"), Map.of())) {
        changes.add(jwk -> jwk.put(member, value));
      }
    }
    for (Object kty : List.of("oct", "OKP", "rsa", "EC", "RSA")) {
      changes.add(jwk -> jwk.put("kty", kty));
    }
    for (Object use : List.of("sig", "enc", "other")) {
      changes.add(jwk -> jwk.put("use", use));
    }
    for (Object crv : List.of("P-256", "P-384", "P-521", "P-192", "secp256k1", "Ed25519")) {
      changes.add(jwk -> jwk.put("crv", crv));
    }
    List<Object> operations = List.of(List.of("verify"), List.of("sign"), List.of("sign", "verify"),
        List.of("verify", "encrypt"), List.of("verify", "frobnicate"), "verify", List.of(), List.of(1));
    for (Object ops : operations) {
      changes.add(jwk -> jwk.put("key_ops", ops));
      for (String use : List.of("sig", "enc")) {
        changes.add(jwk -> {
          jwk.put("key_ops", ops);
          jwk.put("use", use);
        });
      }
    }
    changes.add(jwk -> jwk.put("y", flipLastCharacter(jwk.get("y"))));
    changes.add(jwk -> jwk.put("x", flipLastCharacter(jwk.get("x"))));
    changes.add(jwk -> jwk.put("n", flipLastCharacter(jwk.get("n"))));
    changes.add(jwk -> jwk.put("d", "AQAB"));
    String otherCertificate = certificate("none");
    changes.add(jwk -> jwk.put("x5c", List.of(otherCertificate)));
    changes.add(jwk -> jwk.put("x5c", List.of()));
    changes.add(jwk -> jwk.put("x5c", "not a list"));
    return changes;
  }

  private static Object flipLastCharacter(Object value) {
    if (!(value instanceof String text) || text.isEmpty()) {
      return value;
    }
    char last = text.charAt(text.length() - 1);
    return text.substring(0, text.length() - 1) + (last == 'A' ? 'B' : 'A');
  }

  private record NimbusOutcome(PublicKey key, String algorithm, String why) {}

  /** What the key-set parser did with Nimbus: {@code JWK.parse}, then use, key_ops, type. */
  private static NimbusOutcome nimbus(Map<String, Object> map) {
    try {
      JWK jwk = JWK.parse(map);
      if (jwk.getKeyUse() != null && !KeyUse.SIGNATURE.equals(jwk.getKeyUse())) {
        return new NimbusOutcome(null, null, "use");
      }
      Set<KeyOperation> ops = jwk.getKeyOperations();
      if (ops != null && !ops.contains(KeyOperation.VERIFY)) {
        return new NimbusOutcome(null, null, "key_ops");
      }
      String alg = jwk.getAlgorithm() == null ? null : jwk.getAlgorithm().getName();
      if (jwk instanceof RSAKey rsa) {
        return new NimbusOutcome(rsa.toRSAPublicKey(), alg, null);
      }
      if (jwk instanceof ECKey ec) {
        return new NimbusOutcome(ec.toECPublicKey(), alg, null);
      }
      return new NimbusOutcome(null, null, "type " + jwk.getKeyType());
    } catch (Exception e) {
      return new NimbusOutcome(null, null, e.toString());
    }
  }
}
