package dev.invokerguard.identity;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** A group membership lookup that failed; the membership is then unknown, and it never grants. */
public final class GroupLookupException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why a lookup failed. */
  public enum Code {
    /** No answer in time. */
    TIMEOUT,
    /** The API answered 5xx. */
    SERVER_ERROR,
    /** The API answered 429, or the configured rate of lookups was reached, or a 429's backoff runs. */
    RATE_LIMITED,
    /** The API answered 403: the service account lacks a role, or the tenant lacks the edition. */
    FORBIDDEN,
    /** No credentials, a 4xx other than 403 and 429, an unreadable answer, a connection failure. */
    FAILED
  }

  private final Code code;
  private final @Nullable Duration retryAfter;

  public GroupLookupException(Code code, String message, @Nullable Duration retryAfter,
      @Nullable Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code, "code");
    this.retryAfter = retryAfter;
  }

  public GroupLookupException(Code code, String message) {
    this(code, message, null, null);
  }

  public Code code() {
    return code;
  }

  /** How long the API asked to wait ({@code Retry-After}), or {@code null}. */
  public @Nullable Duration retryAfter() {
    return retryAfter;
  }
}
