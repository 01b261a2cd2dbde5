package dev.invokerguard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invokerguard.request.AccessRequest;
import dev.invokerguard.request.PreflightSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InvokerGuardPreflightTest {

  private static AccessRequest preflight(String path) {
    return AccessRequest.builder("OPTIONS", "svc.example.com", path)
        .header("Origin", "https://app.example.com")
        .header("Access-Control-Request-Method", "POST").build();
  }

  @Test
  void checkWhenPreflightByDefaultThenPassesWithoutToken() {
    Decision decision = Guards.standard().check(preflight("/private"));

    assertThat(decision.reason()).isEqualTo(DecisionReason.PREFLIGHT);
    assertThat(decision.status()).isEqualTo(200);
    assertThat(decision.principal()).isEqualTo("allUsers");
  }

  @Test
  void checkWhenOptionsWithoutPreflightHeadersThenNeedsToken() {
    AccessRequest noRequestMethod = AccessRequest.builder("OPTIONS", "svc.example.com", "/private")
        .header("Origin", "https://app.example.com").build();
    AccessRequest noOrigin = AccessRequest.builder("OPTIONS", "svc.example.com", "/private")
        .header("Access-Control-Request-Method", "POST").build();

    assertThat(Guards.standard().check(noRequestMethod).status()).isEqualTo(401);
    assertThat(Guards.standard().check(noOrigin).status()).isEqualTo(401);
  }

  @Test
  void checkWhenPreflightDisabledThenNeedsToken() {
    InvokerGuard guard = Guards.builder().preflight(PreflightSettings.disabled()).build();

    assertThat(guard.check(preflight("/private")).reason()).isEqualTo(DecisionReason.NO_CREDENTIALS);
  }

  @ParameterizedTest
  @CsvSource({"/api, 200", "/api/orders, 200", "/apix, 401", "/other, 401", "/static/app.js, 200"})
  void checkWhenPreflightLimitedToPrefixesThenOnlyThere(String path, int status) {
    InvokerGuard guard = Guards.builder().preflight(PreflightSettings.under("/api", "/static/")).build();

    assertThat(guard.check(preflight(path)).status()).isEqualTo(status);
  }

  @Test
  void checkWhenPreflightOnRejectedPathThenPathFirewallFirst() {
    assertThat(Guards.standard().check(preflight("/a//b")).reason()).isEqualTo(DecisionReason.PATH_REJECTED);
  }

  @Test
  void underWhenPrefixIsNotAPathThenFails() {
    assertThatThrownBy(() -> PreflightSettings.under("api")).isInstanceOf(IllegalArgumentException.class);
  }
}
