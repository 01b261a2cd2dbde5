package dev.invokerguard.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invokerguard.ConfigurationErrorCode;
import dev.invokerguard.Decision;
import dev.invokerguard.InvokerGuardConfigurationException;
import dev.invokerguard.request.AccessRequest;
import dev.invokerguard.testing.TestIssuer;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Firebase and IAP key sets are read from {@code firebase-keys-uri} and {@code iap-keys-uri}. */
class GuardRuntimeKeySetsTest {
  private static final String AUDIENCE = "https://svc.example";
  private static final String PROJECT = "demo-project";
  private static final String IAP_AUDIENCE = "/projects/123/global/backendServices/456";
  private static TestIssuer issuer;

  @BeforeAll
  static void startIssuer() {
    issuer = TestIssuer.start();
  }

  @AfterAll
  static void stopIssuer() {
    issuer.close();
  }

  private static Map<String, String> properties() {
    Map<String, String> properties = new HashMap<>();
    properties.put("invokerguard.policy", "classpath:policies/firebase-and-iap.yaml");
    properties.put("invokerguard.audiences", AUDIENCE);
    properties.put("invokerguard.jwks-uri", issuer.jwksUri().toString());
    properties.put("invokerguard.firebase-project", PROJECT);
    properties.put("invokerguard.firebase-keys-uri", issuer.firebaseCertsUri().toString());
    properties.put("invokerguard.iap-audience", IAP_AUDIENCE);
    properties.put("invokerguard.iap-keys-uri", issuer.iapJwksUri().toString());
    return properties;
  }

  private static Decision get(GuardRuntime runtime, String header, String token) {
    return runtime.guard().check(AccessRequest.builder("GET", "svc.example", "/x").header(header, token).build());
  }

  @Test
  void startWhenKeysUrisSetThenFirebaseTokenAndIapAssertionVerifyWithThoseKeys() {
    try (GuardRuntime runtime = GuardRuntime.start(GuardSettings.fromProperties(properties()))) {
      Decision firebase = get(runtime, "Authorization", "Bearer " + issuer.firebase(PROJECT, "uid-1").sign());
      Decision iap = get(runtime, "x-goog-iap-jwt-assertion",
          issuer.iap(IAP_AUDIENCE, "carol@example.com").sign());

      assertThat(firebase.allowed()).as(firebase.detail()).isTrue();
      assertThat(firebase.principal()).isEqualTo("firebase:uid-1");
      assertThat(iap.allowed()).as(iap.detail()).isTrue();
      assertThat(iap.principal()).isEqualTo("user:carol@example.com");
    }
  }

  @Test
  void startWhenKeysUrisUnsetThenGooglesPublishedKeysAreUsed() {
    Map<String, String> properties = properties();
    properties.remove("invokerguard.firebase-keys-uri");
    properties.remove("invokerguard.iap-keys-uri");

    GuardSettings settings = GuardSettings.fromProperties(properties);

    assertThat(settings.firebaseKeysUri()).isEqualTo(dev.invokerguard.token.TokenFamily.FIREBASE_CERTS_URI);
    assertThat(settings.iapKeysUri()).isEqualTo(dev.invokerguard.token.TokenFamily.IAP_JWKS_URI);
  }

  @Test
  void settingsWhenKeysUriIsPlainHttpOffLoopbackThenConfigurationErrorNamingTheSetting() {
    for (String setting : new String[] {"firebase-keys-uri", "iap-keys-uri"}) {
      Map<String, String> properties = properties();
      properties.put("invokerguard." + setting, "http://keys.example.com/certs");

      assertThatThrownBy(() -> GuardSettings.fromProperties(properties))
          .isInstanceOfSatisfying(InvokerGuardConfigurationException.class,
              e -> assertThat(e.code()).isEqualTo(ConfigurationErrorCode.INVALID_SETTING))
          .hasMessageContaining("invokerguard." + setting + " (INVOKERGUARD_"
              + setting.replace('-', '_').toUpperCase(java.util.Locale.ROOT) + ")")
          .hasMessageContaining("http://keys.example.com/certs");
    }
  }
}
