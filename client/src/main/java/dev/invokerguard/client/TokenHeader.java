package dev.invokerguard.client;

import java.util.function.Predicate;

/**
 * Where an outbound ID token goes. Cloud Run reads {@code X-Serverless-Authorization} first and
 * then {@code Authorization} (<a
 * href="https://cloud.google.com/run/docs/authenticating/service-to-service">service-to-service
 * authentication</a>); so does InvokerGuard on the receiving side.
 */
public enum TokenHeader {
  /**
   * {@code Authorization: Bearer}, or {@code X-Serverless-Authorization: Bearer} when the request
   * already carries an {@code Authorization} of the application's own (the default).
   */
  AUTO,
  /** Always {@code Authorization: Bearer}; a request with its own {@code Authorization} fails. */
  AUTHORIZATION,
  /** Always {@code X-Serverless-Authorization: Bearer}. */
  X_SERVERLESS_AUTHORIZATION;

  /** The {@code Authorization} header's name. */
  public static final String AUTHORIZATION_NAME = "Authorization";

  /** The {@code X-Serverless-Authorization} header's name. */
  public static final String SERVERLESS_NAME = "X-Serverless-Authorization";

  /**
   * The name of the header the token goes in, given which headers the request already has ({@code
   * present} answers for a header name, case-insensitively).
   *
   * @throws OutboundTokenException ({@link OutboundErrorCode#HEADER_TAKEN}) when that header already
   *     holds a value of the application's own: it is never overwritten
   */
  public String headerName(Predicate<String> present) {
    String name =
        switch (this) {
          case AUTO -> present.test(AUTHORIZATION_NAME) ? SERVERLESS_NAME : AUTHORIZATION_NAME;
          case AUTHORIZATION -> AUTHORIZATION_NAME;
          case X_SERVERLESS_AUTHORIZATION -> SERVERLESS_NAME;
        };
    if (present.test(name)) {
      throw new OutboundTokenException(
          OutboundErrorCode.HEADER_TAKEN,
          "the request already carries " + name + " of its own, which is never overwritten; send the"
              + " ID token in the other header (invokerguard.client.targets.*.header)");
    }
    return name;
  }

  /** Parses {@code auto}, {@code authorization} or {@code x-serverless-authorization}. */
  public static TokenHeader parse(String value) {
    if (value == null) {
      throw invalid(null);
    }
    return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "auto" -> AUTO;
      case "authorization" -> AUTHORIZATION;
      case "x-serverless-authorization" -> X_SERVERLESS_AUTHORIZATION;
      default -> throw invalid(value);
    };
  }

  private static OutboundTokenException invalid(String value) {
    return new OutboundTokenException(
        OutboundErrorCode.INVALID_TARGET,
        "header must be auto, authorization or x-serverless-authorization: " + value);
  }
}
