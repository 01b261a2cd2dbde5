package dev.invokerguard;

import dev.invokerguard.Decision.Authentication;
import dev.invokerguard.Decision.Refusal;
import dev.invokerguard.identity.Caller;
import dev.invokerguard.policy.PolicyOutcome;
import dev.invokerguard.policy.RequestAttributes;
import dev.invokerguard.request.AccessRequest;
import dev.invokerguard.request.Credential;
import dev.invokerguard.token.TokenError;
import dev.invokerguard.token.TokenFamily;
import dev.invokerguard.token.VerifiedToken;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Every {@link Decision} the guard takes, by name, and everything a caller is told: the reason (which fixes
 * the status), the RFC 6750 {@code WWW-Authenticate} challenge (its {@code error} attribute from
 * {@link TokenError#rfc6750Code()}, or {@code invalid_request} for unusable credential headers), the
 * {@code Retry-After} of a 503, and the detail text. Details never echo a token and never say which check of
 * a signature failed. Refusals that do not depend on the request are built once.
 */
final class Decisions {
  /** RFC 6750 section 3.1: the request is malformed (two tokens, a repeated or oversized header). */
  static final String INVALID_REQUEST = "invalid_request";
  static final Authentication ANONYMOUS = new Authentication(Caller.ANONYMOUS, null, null);

  /** How to mint a token that carries the caller's email. */
  static final String NO_EMAIL_HINT = " The token carries no email claim, so the caller matches only"
      + " allAuthenticatedUsers. Mint a token that includes the email: `gcloud auth print-identity-token"
      + " --include-email`, or from the metadata server add `format=full` to the identity request"
      + " (.../instance/service-accounts/default/identity?audience=AUDIENCE&format=full).";

  private final String challenge;
  private final String invalidRequestChallenge;
  private final int maxHeaderLength;
  private final Refusal noCredentials;
  private final Refusal policyUnavailable;
  private final Refusal evaluationFailed;
  private final Refusal[] tokenRejected = new Refusal[TokenError.values().length];
  private final Authentication[] rejectedTokens = new Authentication[TokenError.values().length];

  /**
   * @param realm the realm of every challenge
   * @param retryAfter the {@code Retry-After} of every 503
   * @param maxHeaderLength the credential header limit, named when a header exceeds it
   */
  Decisions(String realm, Duration retryAfter, int maxHeaderLength) {
    this.challenge = "Bearer realm=\"" + realm + "\"";
    this.invalidRequestChallenge = challenge(INVALID_REQUEST);
    this.maxHeaderLength = maxHeaderLength;
    this.noCredentials = new Refusal("A Google-signed ID token is required: send it in Authorization: Bearer,"
        + " or in X-Serverless-Authorization when the Authorization header is the application's own.",
        challenge, null);
    this.policyUnavailable = new Refusal("The access policy has not been loaded yet; retry later.", null,
        retryAfter);
    this.evaluationFailed = new Refusal("The request could not be authorized right now.", null, retryAfter);
    for (TokenError error : TokenError.values()) {
      String code = error.rfc6750Code();
      // No RFC 6750 code means no verdict on the token (its keys cannot be had): 503, retry later.
      tokenRejected[error.ordinal()] = code == null ? new Refusal(describe(error), null, retryAfter)
          : new Refusal(describe(error), challenge(code), null);
      rejectedTokens[error.ordinal()] = new Authentication(Caller.ANONYMOUS, null, error);
    }
  }

  /** Step 1: the path firewall refused the request target (400). */
  Decision pathRejected(AccessRequest request, String why, Instant now) {
    return new Decision(DecisionReason.PATH_REJECTED, request.method(),
        new RequestAttributes(request.host(), request.path(), now), ANONYMOUS, null,
        new Refusal("The request target is ambiguous or malformed: " + why, null, null), List.of(), false);
  }

  /** Step 2: a CORS preflight passes without a token (200). */
  Decision preflight(String method, RequestAttributes at) {
    return new Decision(DecisionReason.PREFLIGHT, method, at, ANONYMOUS, null, null, List.of(), false);
  }

  /**
   * Step 3 (or step 4, for a header found to hold two tokens once its token failed verification): credential
   * headers that cannot be read as one token (400).
   */
  Decision credentialsRefused(String method, RequestAttributes at, String header, Credential.Problem problem) {
    String detail = switch (problem) {
      case REPEATED -> "The " + header + " header is sent more than once.";
      case NOT_BEARER -> "The " + header + " header must use the Bearer scheme.";
      case NOT_ONE_TOKEN -> "The " + header + " header must carry exactly one bearer token.";
      case TOO_LARGE -> "The " + header + " header is longer than " + maxHeaderLength + " characters.";
    };
    return new Decision(problem == Credential.Problem.TOO_LARGE ? DecisionReason.HEADER_TOO_LARGE
        : DecisionReason.AMBIGUOUS_CREDENTIALS, method, at, ANONYMOUS, null,
        new Refusal(detail, invalidRequestChallenge, null), List.of(), false);
  }

  /** No policy was ever loaded (503). */
  Decision policyUnavailable(String method, RequestAttributes at) {
    return new Decision(DecisionReason.POLICY_UNAVAILABLE, method, at, ANONYMOUS, null, policyUnavailable, List.of(),
        false);
  }

  /** The request could not be judged: an internal failure is a denial (503). */
  Decision evaluationFailed(AccessRequest request, Instant now, List<String> notes) {
    return new Decision(DecisionReason.EVALUATION_FAILED, request.method(),
        new RequestAttributes(request.host(), request.path(), now), ANONYMOUS, null, evaluationFailed,
        notes, false);
  }

  /** Step 4: the caller of a token that failed verification (it counts as no token). */
  Authentication rejectedToken(TokenError error) {
    return rejectedTokens[error.ordinal()];
  }

  /** Step 5: the caller a verified token identifies. */
  static Authentication verified(Caller caller, VerifiedToken token) {
    return new Authentication(caller, token, null);
  }

  /** The caller an explanation is asked for, as given. */
  static Authentication given(Caller caller) {
    return caller.anonymous() ? ANONYMOUS : new Authentication(caller, null, null);
  }

  /**
   * Step 6: what the policy says for the caller. Allowed: 200. Denied: 401 for a caller without a token
   * (with {@code error="invalid_token"} when one was sent and rejected, 503 when its keys cannot be had),
   * 403 for an identified caller.
   *
   * @param emptyTokenHeader the header whose bearer token was empty (to say so), or {@code null}
   */
  Decision judged(String method, RequestAttributes at, Authentication who, PolicyOutcome outcome,
      @Nullable String emptyTokenHeader) {
    if (outcome.allowed()) {
      return new Decision(DecisionReason.GRANTED, method, at, who, outcome, null, outcome.notes(), false);
    }
    TokenError error = who.tokenError();
    if (error != null) {
      Refusal refusal = emptyTokenHeader != null ? emptyToken(emptyTokenHeader) : tokenRejected[error.ordinal()];
      return new Decision(error.rfc6750Code() == null ? DecisionReason.KEYS_UNAVAILABLE
          : DecisionReason.TOKEN_REJECTED, method, at, who, outcome, refusal, outcome.notes(), false);
    }
    if (who.caller().anonymous()) {
      return new Decision(DecisionReason.NO_CREDENTIALS, method, at, who, outcome, noCredentials, outcome.notes(),
          false);
    }
    boolean byRule = outcome.reason() == PolicyOutcome.Reason.DENIED_BY_RULE;
    String detail = who.caller().principal() + (byRule ? " is denied access to this path by a deny policy."
        : " is not granted access to this path by the service's IAM policy.");
    if (who.caller().emailMissing() && who.token() != null && who.token().family() == TokenFamily.Kind.GOOGLE) {
      detail += NO_EMAIL_HINT;
    }
    return new Decision(byRule ? DecisionReason.DENIED_BY_RULE : DecisionReason.NO_BINDING, method, at, who, outcome,
        new Refusal(detail, null, null), outcome.notes(), false);
  }

  private Refusal emptyToken(String header) {
    return new Refusal("The token in the " + header + " header is empty.",
        tokenRejected[TokenError.MALFORMED.ordinal()].wwwAuthenticate(), null);
  }

  private String challenge(String rfc6750Code) {
    return challenge + ", error=\"" + rfc6750Code + "\"";
  }

  /** What a caller is told about a rejected token; every signature and key problem reads the same. */
  private static String describe(TokenError error) {
    return switch (error) {
      case MALFORMED -> "The bearer token is not a signed JWT.";
      case TOO_LARGE -> "The bearer token is too large.";
      case SIGNATURE_REMOVED_BY_GOOGLE -> "Cloud Run verified this token and removed its signature. Send the"
          + " Google-signed token in the X-Serverless-Authorization header so that the application can"
          + " verify it too.";
      case ALGORITHM_NOT_ALLOWED, MISSING_KEY_ID, UNKNOWN_KEY_ID, INVALID_SIGNATURE, MALFORMED_SIGNATURE ->
          "The token could not be verified.";
      case UNKNOWN_ISSUER -> "The token's issuer is not accepted by this service.";
      case INVALID_AUDIENCE -> "The token was not minted for this service: mint it with the service URL"
          + " (or a configured custom audience) as its audience.";
      case MISSING_EXPIRY -> "The token has no expiry.";
      case EXPIRED -> "The token has expired.";
      case NOT_YET_VALID, ISSUED_IN_FUTURE -> "The token is not valid yet.";
      case EMAIL_NOT_VERIFIED -> "The token's email address is not verified.";
      case TENANT_NOT_ALLOWED -> "The token's Identity Platform tenant is not accepted by this service.";
      case KEYS_UNAVAILABLE -> "The keys that verify the token cannot be fetched right now. Retry later.";
      case AUDIENCES_UNAVAILABLE -> "The service's accepted token audiences are not known yet. Retry later.";
    };
  }
}
