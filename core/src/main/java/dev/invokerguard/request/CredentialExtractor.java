package dev.invokerguard.request;

import dev.invokerguard.Internal;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Finds the Google-signed token of a request: {@code X-Serverless-Authorization} first (then
 * {@code Authorization} is the application's own and is ignored), else {@code Authorization: Bearer}
 * (scheme case-insensitive, RFC 6750 section 2.1), else, when enabled, IAP's
 * {@code x-goog-iap-jwt-assertion}. A repeated credential header, a non-Bearer
 * {@code X-Serverless-Authorization}, or a value holding more than one token (whitespace or a comma
 * inside it) is refused. Other malformations, an empty bearer token among them, are left to the token
 * verifier: such a token is rejected, never refused.
 * See <a href="https://cloud.google.com/run/docs/authenticating/service-to-service">Cloud Run
 * service-to-service authentication</a>.
 */
@Internal
public final class CredentialExtractor {
  static final String SERVERLESS_AUTHORIZATION = "X-Serverless-Authorization";
  static final String AUTHORIZATION = "Authorization";
  static final String IAP_ASSERTION = AccessRequest.IAP_ASSERTION;

  private final int maxHeaderLength;
  private final boolean iapAssertion;
  // The last Bearer value read and the token taken out of it. Not volatile: a thread that reads another
  // thread's LastBearer sees it whole (final fields); one that reads an older one or none copies the token.
  private @Nullable LastBearer lastBearer;

  public CredentialExtractor(int maxHeaderLength, boolean iapAssertion) {
    this.maxHeaderLength = maxHeaderLength;
    this.iapAssertion = iapAssertion;
  }

  public Credential extract(AccessRequest request) {
    List<String> serverless = request.headerValues(AccessRequest.SERVERLESS_AUTHORIZATION);
    if (!serverless.isEmpty()) {
      return bearer(serverless, SERVERLESS_AUTHORIZATION, true);
    }
    List<String> authorization = request.headerValues(AccessRequest.AUTHORIZATION);
    boolean anyBearer = false;
    for (int i = 0; i < authorization.size(); i++) {
      anyBearer |= isBearer(authorization.get(i));
    }
    if (anyBearer) {
      return bearer(authorization, AUTHORIZATION, false);
    }
    if (iapAssertion) {
      List<String> assertion = request.headerValues(AccessRequest.IAP_ASSERTION);
      if (assertion.size() > 1) {
        return Credential.refused(IAP_ASSERTION, Credential.Problem.REPEATED);
      }
      if (assertion.size() == 1) {
        String value = assertion.get(0).trim();
        if (value.length() > maxHeaderLength) {
          return Credential.refused(IAP_ASSERTION, Credential.Problem.TOO_LARGE);
        }
        return isSingleToken(value) ? Credential.token(value, IAP_ASSERTION)
            : Credential.refused(IAP_ASSERTION, Credential.Problem.NOT_ONE_TOKEN);
      }
    }
    return Credential.NONE;
  }

  private Credential bearer(List<String> values, String header, boolean bearerRequired) {
    if (values.size() > 1) {
      return Credential.refused(header, Credential.Problem.REPEATED);
    }
    String value = values.get(0);
    if (value.length() > maxHeaderLength) {
      return Credential.refused(header, Credential.Problem.TOO_LARGE);
    }
    if (bearerRequired && !isBearer(value)) {
      return Credential.refused(header, Credential.Problem.NOT_BEARER);
    }
    return Credential.token(bearerTokenOf(value), header);
  }

  /**
   * The token of a Bearer value. A caller sends the same value for as long as its token lasts (up to an hour):
   * when the value equals the last one read, the token copied out of that one is returned, the same
   * {@code String}, so the value costs one comparison instead of a copy of the token, and the verifier's
   * cache, which keeps its last hit by reference, answers without comparing the token again.
   */
  private String bearerTokenOf(String value) {
    LastBearer last = lastBearer;
    if (last != null && last.value.equals(value)) {
      return last.token;
    }
    String token = bearerToken(value);
    lastBearer = new LastBearer(value, token);
    return token;
  }

  /** The token after {@code Bearer} and the blanks around it, copied once. */
  private static String bearerToken(String value) {
    int start = 0;
    while (start < value.length() && value.charAt(start) <= ' ') {
      start++;
    }
    start += "Bearer".length();
    while (start < value.length() && value.charAt(start) <= ' ') {
      start++;
    }
    int end = value.length();
    while (end > start && value.charAt(end - 1) <= ' ') {
      end--;
    }
    return value.substring(start, end);
  }

  /**
   * No whitespace or comma that would make it two tokens (RFC 6750 b64token has none). Bearer values are
   * checked only once their token fails verification: a verified token is made of base64url segments and
   * dots, so it is one token, and the scans stay off the path of every request. An empty token is not two
   * tokens: it is a token that fails verification.
   */
  public static boolean isSingleToken(String token) {
    return token.indexOf(' ') < 0 && token.indexOf(',') < 0 && token.indexOf('\t') < 0
        && token.indexOf('\n') < 0 && token.indexOf('\r') < 0;
  }

  /** A Bearer header value and the token taken out of it. */
  private record LastBearer(String value, String token) {}

  private static boolean isBearer(String value) {
    String trimmed = value.trim();
    return trimmed.regionMatches(true, 0, "bearer", 0, 6)
        && (trimmed.length() == 6 || trimmed.charAt(6) == ' ' || trimmed.charAt(6) == '\t');
  }
}
