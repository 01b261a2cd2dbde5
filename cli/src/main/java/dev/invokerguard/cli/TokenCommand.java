package dev.invokerguard.cli;

import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.IdTokenCredentials;
import com.google.auth.oauth2.IdTokenProvider;
import com.google.auth.oauth2.UserCredentials;
import com.nimbusds.jwt.JWTParser;
import java.io.IOException;
import java.io.PrintStream;
import java.text.ParseException;
import java.util.List;
import java.util.Set;

/**
 * {@code token --audience A [--include-email]}: mints a Google ID token for {@code A} with Application
 * Default Credentials, through Google Auth Library's {@link IdTokenCredentials} (see
 * <a href="https://cloud.google.com/docs/authentication/get-id-token">Get an ID token</a>), and prints it.
 */
final class TokenCommand {
  static final String USAGE = """
      usage: invokerguard token --audience A [--include-email]
        mint a Google ID token for audience A with Application Default Credentials and print it
        --audience A       the token's aud: the service URL, or a custom audience
        --include-email    put the account's email in the token (serviceAccount: bindings need it)
      exit: 0 printed, 1 no usable credentials or a usage error
      """;

  private TokenCommand() {}

  static int run(List<String> rest, PrintStream out) throws UsageException, InputException {
    Args args = Args.parse(rest, Set.of("audience"), Set.of("include-email"));
    if (!args.positionals().isEmpty()) {
      throw new UsageException("token takes no arguments: " + args.positionals());
    }
    String audience = args.required("audience");
    GoogleCredentials credentials;
    try {
      credentials = GoogleCredentials.getApplicationDefault();
    } catch (IOException e) {
      throw new InputException("no Application Default Credentials (" + e.getMessage() + "); run"
          + " `gcloud auth application-default login --impersonate-service-account SA_EMAIL`, or set"
          + " GOOGLE_APPLICATION_CREDENTIALS to a service account key file");
    }
    if (credentials instanceof UserCredentials) {
      throw new InputException("the Application Default Credentials are a user's, and Google mints a user's ID"
          + " token for gcloud's own client, not for " + audience + "; impersonate a service account instead:"
          + " `gcloud auth application-default login --impersonate-service-account SA_EMAIL`");
    }
    if (!(credentials instanceof IdTokenProvider provider)) {
      throw new InputException("the Application Default Credentials (" + credentials.getClass().getSimpleName()
          + ") cannot mint ID tokens; use a service account, the metadata server, or impersonation");
    }
    IdTokenCredentials tokens = IdTokenCredentials.newBuilder().setIdTokenProvider(provider)
        .setTargetAudience(audience)
        .setOptions(args.flag("include-email") ? List.of(IdTokenProvider.Option.FORMAT_FULL,
            IdTokenProvider.Option.INCLUDE_EMAIL) : List.of())
        .build();
    try {
      tokens.refresh();
    } catch (IOException | RuntimeException e) {
      throw new InputException("cannot mint an ID token for " + audience + ": " + e.getMessage());
    }
    String token = tokens.getIdToken().getTokenValue();
    List<String> minted = audienceOf(token);
    if (!minted.contains(audience)) {
      throw new InputException("the minted token's audience is " + minted + ", not " + audience
          + ": these credentials cannot mint tokens for a chosen audience; impersonate a service account");
    }
    out.println(token);
    return Main.OK;
  }

  /** The {@code aud} of a token just minted by Google (read, not verified: it is about to be printed). */
  private static List<String> audienceOf(String token) throws InputException {
    try {
      return JWTParser.parse(token).getJWTClaimsSet().getAudience();
    } catch (ParseException e) {
      throw new InputException("Google returned a token that is not a JWT: " + e.getMessage());
    }
  }
}
