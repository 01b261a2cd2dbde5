package dev.invokerguard.cli;

import dev.invokerguard.token.GoogleIdTokenVerifier;
import dev.invokerguard.token.KeySetStats;
import dev.invokerguard.token.TokenError;
import dev.invokerguard.token.TokenFamily;
import dev.invokerguard.token.TokenVerification;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The {@code --token} of {@code explain} and how it is verified: {@code --audience}, {@code --issuer},
 * {@code --jwks-uri} or {@code --jwks-file}, {@code --time}, and {@code --hd} for a token without an
 * {@code hd} claim.
 */
final class ExplainedToken implements AutoCloseable {
  private final String token;
  private final TokenClaims claims;
  private final GoogleIdTokenVerifier google;
  private final InspectingVerifier verifier;
  private final TokenRejection.Inputs inputs;

  private ExplainedToken(String token, TokenClaims claims, GoogleIdTokenVerifier google,
      InspectingVerifier verifier, TokenRejection.Inputs inputs) {
    this.token = token;
    this.claims = claims;
    this.google = google;
    this.verifier = verifier;
    this.inputs = inputs;
  }

  static ExplainedToken of(Args args, Clock clock, String hostedDomain) throws UsageException, InputException {
    String token = args.required("token").strip();
    if (args.value("jwks-uri").isPresent() && args.value("jwks-file").isPresent()) {
      throw new UsageException("give at most one of --jwks-uri and --jwks-file");
    }
    List<String> audiences = new ArrayList<>();
    for (String value : args.values("audience")) {
      for (String audience : value.split(",")) {
        if (!audience.isBlank()) {
          audiences.add(audience.strip());
        }
      }
    }
    if (audiences.isEmpty()) {
      throw new UsageException("--audience is required with --token: the service URL(s) the token must be for");
    }
    TokenClaims claims = token.isEmpty() ? null : TokenClaims.read(token);
    String tokenHd = claims == null ? null : claims.string("hd");
    if (hostedDomain != null && tokenHd != null && !tokenHd.equalsIgnoreCase(hostedDomain)) {
      throw new UsageException("the token carries hd \"" + tokenHd + "\"; --hd simulates the claim only for a"
          + " token without one");
    }
    String keys;
    GoogleIdTokenVerifier google;
    try {
      TokenFamily family = TokenFamily.google(audiences);
      if (!args.values("issuer").isEmpty()) {
        family = family.withIssuers(args.values("issuer"));
      }
      if (args.value("jwks-uri").isPresent()) {
        family = family.withKeySetUri(URI.create(args.value("jwks-uri").get()));
      }
      GoogleIdTokenVerifier.Builder builder = GoogleIdTokenVerifier.builder().clock(clock);
      if (args.value("jwks-file").isPresent()) {
        String file = args.value("jwks-file").get();
        keys = "--jwks-file " + file;
        try {
          builder.family(family, Inputs.readString(file));
        } catch (IllegalArgumentException e) {
          throw new InputException(file + ": " + e.getMessage());
        }
      } else {
        keys = family.keySetUri().toString();
        builder.family(family);
      }
      google = builder.build();
      TokenRejection.Inputs inputs = new TokenRejection.Inputs(family, keys, clock.instant(),
          args.value("time").isPresent(), GoogleIdTokenVerifier.DEFAULT_ALLOWED_CLOCK_SKEW, null);
      return new ExplainedToken(token, claims, google, new InspectingVerifier(google, token.isEmpty(),
          hostedDomain), inputs);
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new UsageException(e.getMessage());
    }
  }

  /** What the request's {@code Authorization: Bearer} carries. */
  String headerValue() {
    return token.isEmpty() ? InspectingVerifier.EMPTY_TOKEN_STAND_IN : token;
  }

  InspectingVerifier verifier() {
    return verifier;
  }

  /** Why the token was rejected, or {@code null} when it was not (or never reached the verifier). */
  TokenRejection rejection(TokenError decided) {
    TokenVerification last = verifier.last();
    if (decided == null || last == null || last.isVerified()) {
      return null;
    }
    if (token.isEmpty()) {
      return TokenRejection.emptyToken(inputs);
    }
    String keyFailure = last.error() == TokenError.KEYS_UNAVAILABLE
        ? google.keySetStats().stream().map(KeySetStats::lastError).filter(Objects::nonNull).findFirst()
            .orElse(null)
        : null;
    return TokenRejection.of(last.error(), last.detail(), claims, new TokenRejection.Inputs(inputs.family(),
        inputs.keys(), inputs.time(), inputs.timeGiven(), inputs.skew(), keyFailure));
  }

  @Override
  public void close() {
    google.close();
  }
}
