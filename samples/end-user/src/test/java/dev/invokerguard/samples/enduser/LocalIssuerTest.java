package dev.invokerguard.samples.enduser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LocalIssuerTest {
  static final Instant NOW = Instant.parse("2026-06-01T10:00:00Z");
  static LocalIssuer issuer;

  @BeforeAll
  static void start() {
    issuer = LocalIssuer.start(Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @AfterAll
  static void stop() {
    issuer.close();
  }

  static String payload(String token) {
    return new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
  }

  @Test
  void signInWhenExpiredThenExpiredAnHourAgoAndIssuedBefore() {
    LocalIssuer.SignIn signIn = issuer.signIn("alice@example.com", true, null);

    assertThat(signIn.expiresAt()).isEqualTo(NOW.minusSeconds(3600));
    assertThat(payload(signIn.idToken())).contains("\"exp\":" + NOW.minusSeconds(3600).getEpochSecond(),
        "\"iat\":" + NOW.minusSeconds(7200).getEpochSecond());
  }

  @Test
  void signInWhenValidThenOneHourAndNoTenantUnlessAsked() {
    LocalIssuer.SignIn signIn = issuer.signIn(" Alice@Example.COM ", false, null);

    assertThat(signIn.email()).isEqualTo("alice@example.com");
    assertThat(signIn.localId()).isEqualTo("aL1ceQ9pZ3rT6vY8wB2nM5kJ7hG4");
    assertThat(payload(signIn.idToken())).contains("\"exp\":" + NOW.plusSeconds(3600).getEpochSecond(),
        "\"auth_time\":" + NOW.getEpochSecond()).doesNotContain("tenant");
  }

  @Test
  void signInAnonymouslyWhenCalledTwiceThenTwoUidsNoEmailAnonymousProvider() {
    LocalIssuer.SignIn first = issuer.signInAnonymously();
    LocalIssuer.SignIn second = issuer.signInAnonymously();

    assertThat(first.email()).isNull();
    assertThat(first.localId()).hasSize(28).isNotEqualTo(second.localId());
    assertThat(payload(first.idToken())).contains("\"sub\":\"" + first.localId() + "\"",
        "\"sign_in_provider\":\"anonymous\"", "\"identities\":{}").doesNotContain("email");
  }

  @Test
  void uidWhenAdminOrOtherEmailThenFixedOrDerivedTwentyEightCharacters() {
    assertThat(LocalIssuer.uid(LocalIssuer.ADMIN_EMAIL)).isEqualTo(LocalIssuer.ADMIN_UID);
    assertThat(LocalIssuer.uid("zed@example.com")).hasSize(28).matches("[A-Za-z0-9]+")
        .isEqualTo(LocalIssuer.uid("zed@example.com")).isNotEqualTo(LocalIssuer.uid("zoe@example.com"));
  }

  @Test
  void signInWhenNotAnEmailThenRefused() {
    for (String bad : new String[] {"", "alice", "@example.com", "alice@", "a@b@c", "al ice@example.com"}) {
      assertThatThrownBy(() -> issuer.signIn(bad, false, null)).as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
