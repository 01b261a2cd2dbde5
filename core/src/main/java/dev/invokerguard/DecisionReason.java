package dev.invokerguard;

/** Why a request was allowed or denied. */
public enum DecisionReason {
  /** An allow binding grants the permission and no deny rule applies (200). */
  GRANTED(200, "granted", "OK"),
  /** A CORS preflight passed without a token, as the preflight setting allows (200). */
  PREFLIGHT(200, "preflight", "OK"),
  /** The path firewall refused an ambiguous or malformed path (400). */
  PATH_REJECTED(400, "path-rejected", "Bad Request"),
  /** Two credentials, a repeated credential header, or an unusable credential header (400). */
  AMBIGUOUS_CREDENTIALS(400, "ambiguous-credentials", "Bad Request"),
  /** A credential header longer than the configured limit (400). */
  HEADER_TOO_LARGE(400, "header-too-large", "Bad Request"),
  /** No token was sent and the request is not open to {@code allUsers} (401). */
  NO_CREDENTIALS(401, "no-credentials", "Unauthorized"),
  /** The token was rejected and the request is not open to {@code allUsers} (401). */
  TOKEN_REJECTED(401, "invalid-token", "Unauthorized"),
  /** The keys that verify the token cannot be had; retry later (503). */
  KEYS_UNAVAILABLE(503, "keys-unavailable", "Service Unavailable"),
  /** No policy has ever been loaded from the policy source; retry later (503). */
  POLICY_UNAVAILABLE(503, "policy-unavailable", "Service Unavailable"),
  /** A deny rule applies to the authenticated caller (403). */
  DENIED_BY_RULE(403, "denied-by-rule", "Forbidden"),
  /** No binding grants the permission to the authenticated caller for this request (403). */
  NO_BINDING(403, "no-binding", "Forbidden"),
  /** The request could not be judged because of an internal failure; it is denied (503, retry later). */
  EVALUATION_FAILED(503, "evaluation-failed", "Service Unavailable");

  private final int status;
  private final String slug;
  private final String title;

  DecisionReason(int status, String slug, String title) {
    this.status = status;
    this.slug = slug;
    this.title = title;
  }

  /** The HTTP status of a decision for this reason. */
  public int status() {
    return status;
  }

  /** Whether the request goes on to the application. */
  public boolean allows() {
    return status == 200;
  }

  /** The RFC 9457 problem type URI. */
  public String problemType() {
    return "urn:invokerguard:problem:" + slug;
  }

  /** The RFC 9457 problem title (the status's reason phrase). */
  public String title() {
    return title;
  }
}
