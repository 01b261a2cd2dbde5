package dev.invokerguard;

import dev.invokerguard.token.IdTokenVerifier;
import dev.invokerguard.token.TokenError;
import dev.invokerguard.token.TokenFamily;
import dev.invokerguard.token.TokenVerification;
import dev.invokerguard.token.VerifiedToken;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A verifier that knows a fixed set of token strings; any other token is malformed. */
public final class FakeVerifier implements IdTokenVerifier {
  public static final String ALICE = "alice.token.sig";
  public static final String BOB = "bob.token.sig";
  public static final String SERVICE_ACCOUNT = "sa.token.sig";
  public static final String NO_EMAIL = "metadata.token.sig";
  public static final String FLAKY = "flaky.token.sig";
  public static final String ADMIN = "admin.token.sig";
  public static final String EXPIRED = "expired.token.sig";
  public static final String BAD_SIGNATURE = "forged.token.sig";
  public static final String UNKNOWN_KID = "rotated.token.sig";
  public static final String STRIPPED = "stripped.token.SIGNATURE_REMOVED_BY_GOOGLE";
  public static final String KEYS_DOWN = "any.token.whilekeysdown";
  public static final String IAP = "iap.assertion.sig";

  private final Map<String, TokenVerification> answers = Map.ofEntries(
      Map.entry(ALICE, ok(TokenFamily.Kind.GOOGLE, "alice@example.com", null)),
      Map.entry(BOB, ok(TokenFamily.Kind.GOOGLE, "bob@example.com", null)),
      Map.entry(SERVICE_ACCOUNT, ok(TokenFamily.Kind.GOOGLE, "caller@my-project.iam.gserviceaccount.com", null)),
      Map.entry(NO_EMAIL, ok(TokenFamily.Kind.GOOGLE, null, null)),
      Map.entry(FLAKY, ok(TokenFamily.Kind.GOOGLE, "flaky@example.com", null)),
      Map.entry(ADMIN, ok(TokenFamily.Kind.GOOGLE, "root@example.com", "example.com")),
      Map.entry(IAP, ok(TokenFamily.Kind.IAP, "alice@example.com", null)),
      Map.entry(EXPIRED, TokenVerification.rejected(TokenError.EXPIRED, "exp 2020-01-01")),
      Map.entry(BAD_SIGNATURE, TokenVerification.rejected(TokenError.INVALID_SIGNATURE, "RSA mismatch")),
      Map.entry(UNKNOWN_KID, TokenVerification.rejected(TokenError.UNKNOWN_KEY_ID, "kid abc")),
      Map.entry(STRIPPED, TokenVerification.rejected(TokenError.SIGNATURE_REMOVED_BY_GOOGLE, "stripped")),
      Map.entry(KEYS_DOWN, TokenVerification.rejected(TokenError.KEYS_UNAVAILABLE, "fetch failed")));

  @Override
  public TokenVerification verify(String token) {
    return answers.getOrDefault(token, TokenVerification.rejected(TokenError.MALFORMED, "not a JWS"));
  }

  private static TokenVerification ok(TokenFamily.Kind family, String email, String hd) {
    return TokenVerification.verified(new VerifiedToken(family, "https://accounts.google.com", "1234", email,
        email != null, hd, List.of("https://svc.example.com"), Instant.parse("2030-01-01T00:00:00Z"), null,
        Map.of()));
  }
}
