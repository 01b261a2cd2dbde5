package dev.invokerguard.policy.source;

import dev.invokerguard.policy.PolicyText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/** Reads one policy document from where it lives; throws when it cannot be read. */
interface DocumentFetcher {

  Fetched fetch() throws IOException;

  /**
   * The document is there but not ready to be read (a file being written): the source keeps what it serves
   * and asks again at the next check. Not a failure.
   */
  final class NotReady extends IOException {
    private static final long serialVersionUID = 1L;

    NotReady(String message) {
      super(message);
    }
  }

  /**
   * The API refused the request for now: HTTP 429 or {@code RESOURCE_EXHAUSTED} (a quota). The source keeps
   * what it serves and backs off, never sooner than {@link #retryAfter()}.
   */
  final class RateLimited extends IOException {
    private static final long serialVersionUID = 1L;
    private final transient java.time.@Nullable Duration retryAfter;

    RateLimited(String message, java.time.@Nullable Duration retryAfter) {
      super(message);
      this.retryAfter = retryAfter;
    }

    /** The answer's {@code Retry-After}, or {@code null}. */
    java.time.@Nullable Duration retryAfter() {
      return retryAfter;
    }
  }

  /**
   * The document and its etag (the IAM etag, or a content hash), or no etag for text given as is (the
   * document's own etag is then used).
   */
  record Fetched(PolicyText text, @Nullable String etag) {}

  /** A content hash standing in for an etag. */
  static String contentEtag(String content) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(digest, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
