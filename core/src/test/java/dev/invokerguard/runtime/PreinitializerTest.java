package dev.invokerguard.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.invokerguard.Decision;
import dev.invokerguard.request.AccessRequest;
import dev.invokerguard.testing.TestIssuer;
import dev.invokerguard.token.TokenError;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PreinitializerTest {

  @Test
  void warmUpWhenRunTwiceThenEveryStepDoesWhatItShouldBothTimes() {
    assertThat(Preinitializer.warmUp(new Preinitializer.Plan(true, true, true))).isEmpty();
    assertThat(Preinitializer.warmUp(new Preinitializer.Plan(false, false, false))).isEmpty();
  }

  @Test
  void planWhenSettingsNameYamlHttpsOrIapThenItCoversThemAndOnlyThem() {
    assertThat(Preinitializer.Plan.of(Map.<String, String>of()::get))
        .isEqualTo(new Preinitializer.Plan(false, true, false));
    assertThat(Preinitializer.Plan.of(Map.of("invokerguard.policy", "classpath:demo/policy.yaml",
        "invokerguard.jwks-uri", "http://127.0.0.1:8080/jwks.json")::get))
        .isEqualTo(new Preinitializer.Plan(true, false, false));
    assertThat(Preinitializer.Plan.of(Map.of("invokerguard.policy", "policy.json",
        "invokerguard.local-policy", "/etc/invokerguard/local.yml")::get).yaml()).isTrue();
    assertThat(Preinitializer.Plan.of(Map.of("invokerguard.iap-audience",
        "/projects/1/global/backendServices/2")::get).ec()).isTrue();
    assertThat(Preinitializer.Plan.of(Map.of("invokerguard.iap-audience", " ")::get).ec()).isFalse();
  }

  @Test
  void usesTlsWhenKeyEndpointIsGooglesOrHttpsThenTrueWhenPlainHttpThenFalse() {
    assertThat(Preinitializer.usesTls(null)).isTrue();
    assertThat(Preinitializer.usesTls(" ")).isTrue();
    assertThat(Preinitializer.usesTls("https://www.googleapis.com/oauth2/v3/certs")).isTrue();
    assertThat(Preinitializer.usesTls("HTTPS://keys.example/jwks")).isTrue();
    assertThat(Preinitializer.usesTls("http://127.0.0.1:8080/jwks.json")).isFalse();
    assertThat(Preinitializer.usesTls(" HTTP://localhost/jwks")).isFalse();
  }

  @Test
  void stepWhenItThrowsOrFailsThenRecordedAndNothingThrown() {
    List<String> failed = new ArrayList<>();

    Preinitializer.step("throws", failed, () -> {
      throw new IllegalStateException("boom");
    });
    Preinitializer.step("missing class", failed, () -> {
      throw new NoClassDefFoundError("com/example/Missing");
    });
    Preinitializer.step("false", failed, () -> false);
    Preinitializer.step("fine", failed, () -> true);

    assertThat(failed).containsExactly("throws", "missing class", "false");
  }

  @Test
  void startWhenCalledAgainThenStartsNothingMoreAndTheFirstRunEnds() throws InterruptedException {
    assumeTrue(Runtime.getRuntime().availableProcessors() > 1,
        "the warm-up is skipped on one processor; run on a machine (or container) with at least two");
    Preinitializer.start(name -> null);

    assertThat(Preinitializer.start(name -> null)).isFalse();
    assertThat(Preinitializer.awaitDone(Duration.ofMinutes(2))).isTrue();
    assertThat(Preinitializer.start(name -> null)).isFalse();
  }

  @Test
  void enabledWhenPreinitializeOrEnabledIsFalseThenOff() {
    assertThat(Preinitializer.enabled(Map.<String, String>of()::get)).isTrue();
    assertThat(Preinitializer.enabled(Map.of("invokerguard.preinitialize", "true")::get)).isTrue();
    assertThat(Preinitializer.enabled(Map.of("invokerguard.preinitialize", "false")::get)).isFalse();
    assertThat(Preinitializer.enabled(Map.of("invokerguard.preinitialize", " FALSE ")::get)).isFalse();
    assertThat(Preinitializer.enabled(Map.of("invokerguard.enabled", "false")::get)).isFalse();
    assertThat(Preinitializer.enabled(Map.of("invokerguard.enabled", "true")::get)).isTrue();
  }

  @Test
  void enabledWhenSystemPropertyIsFalseThenOffWhateverTheSettingsSay() {
    String before = System.getProperty(Preinitializer.PROPERTY);
    System.setProperty(Preinitializer.PROPERTY, "false");
    try {
      assertThat(Preinitializer.enabled(Map.of("invokerguard.preinitialize", "true")::get)).isFalse();
    } finally {
      if (before == null) {
        System.clearProperty(Preinitializer.PROPERTY);
      } else {
        System.setProperty(Preinitializer.PROPERTY, before);
      }
    }
  }

  @Test
  void warmUpWhenDoneThenItsTokenIsRefusedByAGuardOfTheApplication() {
    assertThat(Preinitializer.warmUp(new Preinitializer.Plan(false, true, false))).isEmpty();
    try (TestIssuer issuer = TestIssuer.start();
        GuardRuntime runtime = GuardRuntime.builder(GuardSettings.builder()
                .policy("classpath:policies/service-invoker.yaml")
                .audiences("https://preinitialize.invokerguard.invalid")
                .jwksUri(issuer.jwksUri()).build())
            .clock(Clock.fixed(Preinitializer.NOW, ZoneOffset.UTC)).start()) {
      Decision decision = runtime.guard().check(AccessRequest.builder("GET", "preinitialize.invokerguard.invalid",
          "/").header("Authorization", "Bearer " + Preinitializer.TOKEN).build());

      assertThat(decision.status()).isEqualTo(401);
      assertThat(decision.authentication().tokenError()).isEqualTo(TokenError.UNKNOWN_KEY_ID);
    }
  }
}
