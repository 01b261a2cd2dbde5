package dev.invokerguard.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invokerguard.testing.MutableClock;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Real Google-signed tokens from google-auth-library-java and google-api-dotnet-client test resources
 * (Apache-2.0; see src/test/resources/vectors/README.md), verified with the injected clock.
 */
class GoogleIdTokenVerifierVectorsTest {
  private static final String AUDIENCE = "https://example.com/path";
  private static final Instant IAT = Instant.ofEpochSecond(1587626288);
  private static final Instant EXP = Instant.ofEpochSecond(1587629888);
  private static final String FEDERATED = vector("gal-java-federated-signon-rs256-token.jwt");

  private final MutableClock clock = MutableClock.at(IAT.plus(Duration.ofMinutes(10)));

  @ParameterizedTest
  @EnumSource(TokenFamily.KeySetFormat.class)
  void verifyWhenFederatedTokenInsideWindowThenVerifiedWithBothKeyFiles(TokenFamily.KeySetFormat format) {
    String keyFile = format == TokenFamily.KeySetFormat.JWK_SET
        ? "gal-java-federated_keys.json" : "gal-java-legacy_federated_keys.json";

    TokenVerification result = verifier(AUDIENCE, InMemoryKeySource.fromResource(keyFile, format), format)
        .verify(FEDERATED);

    assertThat(result.error()).isNull();
    VerifiedToken token = result.token();
    assertThat(token.issuer()).isEqualTo("https://accounts.google.com");
    assertThat(token.email()).isEqualTo("integration-tests@chingor-test.iam.gserviceaccount.com");
    assertThat(token.emailVerified()).isTrue();
    assertThat(token.subject()).isEqualTo("104029292853099978293");
    assertThat(token.audience()).containsExactly(AUDIENCE);
    assertThat(token.expiresAt()).isEqualTo(EXP);
    assertThat(token.issuedAt()).isEqualTo(IAT);
    assertThat(token.hostedDomain()).isNull();
    assertThat(token.claims()).containsEntry("azp", token.email());
  }

  @Test
  void verifyWhenFamilyHasFixedKeySetDocumentThenVerifiedOffline() {
    GoogleIdTokenVerifier verifier = GoogleIdTokenVerifier.builder().clock(clock)
        .family(TokenFamily.google(List.of(AUDIENCE)), vector("gal-java-legacy_federated_keys.json"))
        .build();

    assertThat(verifier.verify(FEDERATED).isVerified()).isTrue();
    assertThat(verifier.prefetch()).isTrue();
  }

  @Test
  void verifyWhenAnotherFamilyHasTheFixedKeysThenTheyAreNotUsed() {
    GoogleIdTokenVerifier verifier = GoogleIdTokenVerifier.builder().clock(clock)
        .family(TokenFamily.google(List.of(AUDIENCE)).withIssuers(List.of("https://other.example")),
            vector("gal-java-federated_keys.json"))
        .family(TokenFamily.google(List.of(AUDIENCE)))
        .keySourceFactory(InMemoryKeySource.unavailable().factory())
        .build();

    assertThat(verifier.verify(FEDERATED).error()).isEqualTo(TokenError.KEYS_UNAVAILABLE);
  }

  @Test
  void familyWhenKeySetDocumentHoldsNoKeyThenRejected() {
    assertThatThrownBy(() -> GoogleIdTokenVerifier.builder()
        .family(TokenFamily.google(List.of(AUDIENCE)), "{\"keys\": []}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key set");
  }

  @Test
  void verifyWhenPayloadByteFlippedThenInvalidSignature() {
    String[] parts = FEDERATED.split("\\.");
    byte[] payload = Base64.getUrlDecoder().decode(parts[1]);
    payload[payload.length - 3] ^= 0x01;
    String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload)
        + "." + parts[2];

    assertThat(jwkVerifier(AUDIENCE).verify(tampered).error()).isEqualTo(TokenError.INVALID_SIGNATURE);
  }

  @Test
  void verifyWhenAnotherAudienceExpectedThenInvalidAudience() {
    assertThat(jwkVerifier("https://other.example.com").verify(FEDERATED).error())
        .isEqualTo(TokenError.INVALID_AUDIENCE);
  }

  @Test
  void verifyWhenClockPastExpiryPlusSkewThenExpired() {
    clock.set(EXP.plusSeconds(60));
    assertThat(jwkVerifier(AUDIENCE).verify(FEDERATED).error()).isEqualTo(TokenError.EXPIRED);
  }

  @Test
  void verifyWhenClockPastExpiryWithinSkewThenVerified() {
    clock.set(EXP.plusSeconds(59));
    assertThat(jwkVerifier(AUDIENCE).verify(FEDERATED).isVerified()).isTrue();
  }

  @Test
  void verifyWhenClockBeforeIssuedAtMinusSkewThenIssuedInFuture() {
    clock.set(IAT.minusSeconds(61));
    assertThat(jwkVerifier(AUDIENCE).verify(FEDERATED).error()).isEqualTo(TokenError.ISSUED_IN_FUTURE);
  }

  @Test
  void verifyWhenClockBeforeIssuedAtWithinSkewThenVerified() {
    clock.set(IAT.minusSeconds(59));
    assertThat(jwkVerifier(AUDIENCE).verify(FEDERATED).isVerified()).isTrue();
  }

  @Test
  void verifyWhenKidInNoKeyFileThenUnknownKeyId() {
    String token = vector("gal-java-service-account-rs256-token.jwt");
    clock.set(Instant.parse("2022-08-19T03:00:00Z"));
    assertThat(jwkVerifierAnyAudience(token).verify(token).error()).isEqualTo(TokenError.UNKNOWN_KEY_ID);
  }

  @Test
  void verifyWhenSignedBySelfIssuedServiceAccountKeyThenUnknownIssuer() {
    String token = vector("dotnet-non-google-signed-rs256-token.jwt");
    clock.set(Instant.parse("2017-05-29T12:00:00Z"));
    assertThat(jwkVerifierAnyAudience(token).verify(token).error()).isEqualTo(TokenError.UNKNOWN_ISSUER);
  }

  @Test
  void verifyWhenMetadataServerTokenHasRedactedSignatureThenRejected() {
    String token = vector("gal-java-gce-metadata-full-idtoken.redacted.jwt");
    clock.set(Instant.parse("2019-07-30T12:00:00Z"));
    TokenVerification result = jwkVerifierAnyAudience(token).verify(token);
    assertThat(result.error()).isEqualTo(TokenError.UNKNOWN_KEY_ID);
  }

  private GoogleIdTokenVerifier jwkVerifier(String audience) {
    return jwkVerifier(List.of(audience));
  }

  private GoogleIdTokenVerifier jwkVerifier(List<String> audiences) {
    return GoogleIdTokenVerifier.builder()
        .family(TokenFamily.google(audiences))
        .clock(clock)
        .keySourceFactory(InMemoryKeySource.fromResource("gal-java-federated_keys.json",
            TokenFamily.KeySetFormat.JWK_SET).factory())
        .build();
  }

  /** A verifier that accepts the token's own audience, so that the case under test is the only fault. */
  private GoogleIdTokenVerifier jwkVerifierAnyAudience(String token) {
    String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
    String aud = payload.replaceAll(".*\"aud\":\\s*\"([^\"]+)\".*", "$1");
    return jwkVerifier(aud);
  }

  private GoogleIdTokenVerifier verifier(String audience, InMemoryKeySource keys, TokenFamily.KeySetFormat format) {
    TokenFamily google = TokenFamily.google(List.of(audience));
    TokenFamily family = new TokenFamily(google.kind(), google.issuers(), google.keySetUri(), format,
        google.algorithms(), google.audiences(), true);
    return GoogleIdTokenVerifier.builder().family(family).clock(clock).keySourceFactory(keys.factory()).build();
  }

  static String vector(String name) {
    try (InputStream in = GoogleIdTokenVerifierVectorsTest.class.getResourceAsStream("/vectors/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
