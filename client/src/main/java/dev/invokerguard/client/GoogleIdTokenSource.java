package dev.invokerguard.client;

import com.google.auth.RequestMetadataCallback;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.IdTokenCredentials;
import com.google.auth.oauth2.IdTokenProvider;
import com.google.auth.oauth2.UserCredentials;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An {@link IdTokenSource} over Google Auth Library's {@code IdTokenCredentials} on Application
 * Default Credentials (<a href="https://cloud.google.com/docs/authentication/application-default-credentials">ADC</a>):
 * on Cloud Run the metadata server ({@code format=full}, so the token carries the service account's
 * email), a service account key file, or impersonation ({@code include_email}).
 *
 * <p>The token is cached and renewed by the library's own margins: a token with less than 3 min 45
 * s left is renewed in the background on the refresh executor while callers still get it; only a
 * caller with no valid token at all waits, and concurrent callers share one mint (single flight).
 */
public final class GoogleIdTokenSource implements IdTokenSource {
  private final String audience;
  private final IdTokenCredentials credentials;
  private final Executor refreshExecutor;
  private final Duration timeout;

  private GoogleIdTokenSource(Builder builder, IdTokenProvider provider) {
    this.audience = builder.audience;
    this.refreshExecutor = builder.refreshExecutor;
    this.timeout = builder.timeout;
    this.credentials =
        IdTokenCredentials.newBuilder()
            .setIdTokenProvider(provider)
            .setTargetAudience(audience)
            .setOptions(
                List.of(IdTokenProvider.Option.FORMAT_FULL, IdTokenProvider.Option.INCLUDE_EMAIL))
            .build();
  }

  /** A builder for tokens minted for {@code audience} (e.g. {@code https://backend-abc-uc.a.run.app}). */
  public static Builder builder(String audience) {
    return new Builder(audience);
  }

  /** The audience its tokens are minted for. */
  public String audience() {
    return audience;
  }

  @Override
  public String token() {
    CompletableFuture<String> token = tokenAsync();
    try {
      // tokenAsync completes by itself within the timeout; the bound here is a second guard
      return token.get(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw cause instanceof OutboundTokenException failure ? failure : mintFailed(cause);
    } catch (TimeoutException e) {
      throw timedOut();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OutboundTokenException(
          OutboundErrorCode.INTERRUPTED, "interrupted while waiting for an ID token for " + audience);
    }
  }

  /**
   * Google Auth Library's asynchronous path: while a token is held (fresh, or inside the renewal
   * margin with a renewal started on the refresh executor) the future is complete on return; without
   * one, the mint runs on the refresh executor and completes it, or the timeout fails it.
   */
  @Override
  public CompletableFuture<String> tokenAsync() {
    CompletableFuture<String> token = new CompletableFuture<>();
    try {
      credentials.getRequestMetadata(
          null,
          refreshExecutor,
          new RequestMetadataCallback() {
            @Override
            public void onSuccess(Map<String, List<String>> headers) {
              try {
                token.complete(bearer(headers));
              } catch (OutboundTokenException e) {
                token.completeExceptionally(e);
              }
            }

            @Override
            public void onFailure(Throwable failure) {
              token.completeExceptionally(mintFailed(failure));
            }
          });
    } catch (RuntimeException e) {
      token.completeExceptionally(mintFailed(e));
    }
    if (!token.isDone()) {
      CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS)
          .execute(() -> token.completeExceptionally(timedOut()));
    }
    return token;
  }

  private String bearer(Map<String, List<String>> headers) {
    List<String> authorization = headers.get("Authorization");
    String value = authorization == null || authorization.isEmpty() ? "" : authorization.get(0);
    if (!value.startsWith("Bearer ") || value.length() <= "Bearer ".length()) {
      throw new OutboundTokenException(
          OutboundErrorCode.MINT_FAILED, "Google Auth Library returned no ID token for " + audience);
    }
    return value.substring("Bearer ".length());
  }

  private OutboundTokenException mintFailed(Throwable cause) {
    return new OutboundTokenException(
        OutboundErrorCode.MINT_FAILED,
        "cannot mint an ID token for " + audience + ": " + cause.getMessage(),
        cause);
  }

  private OutboundTokenException timedOut() {
    return new OutboundTokenException(
        OutboundErrorCode.MINT_FAILED,
        "no ID token for " + audience + " within " + timeout.toSeconds() + " s");
  }

  /** The library's credentials (tests set the library's clock on them). */
  IdTokenCredentials credentials() {
    return credentials;
  }

  @Override
  public String toString() {
    return "GoogleIdTokenSource[" + audience + "]";
  }

  /** Builds a {@link GoogleIdTokenSource}; {@link #build()} fails fast on unusable credentials. */
  public static final class Builder {
    private final String audience;
    private GoogleCredentials credentials;
    private Executor refreshExecutor = MintThreads.POOL;
    private Duration timeout = Duration.ofSeconds(30);

    private Builder(String audience) {
      if (audience == null || audience.isBlank()) {
        throw new OutboundTokenException(
            OutboundErrorCode.INVALID_TARGET, "an audience is required (the target service's URL)");
      }
      this.audience = audience.trim();
    }

    /**
     * The credentials to mint with, instead of Application Default Credentials (e.g. an {@code
     * ImpersonatedCredentials}).
     */
    public Builder credentials(GoogleCredentials credentials) {
      this.credentials = Objects.requireNonNull(credentials, "credentials");
      return this;
    }

    /** Where background renewals run (a shared daemon pool by default). */
    public Builder refreshExecutor(Executor executor) {
      this.refreshExecutor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /** How long a caller with no valid token waits for a mint (30 s by default). */
    public Builder timeout(Duration timeout) {
      if (timeout == null || timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive: " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /**
     * The source. Loads Application Default Credentials unless credentials were given.
     *
     * @throws OutboundTokenException when there are no credentials, or they are a user's, or they
     *     cannot mint ID tokens
     */
    public GoogleIdTokenSource build() {
      return new GoogleIdTokenSource(this, provider(credentials == null ? applicationDefault() : credentials));
    }

    private IdTokenProvider provider(GoogleCredentials given) {
      if (given instanceof UserCredentials) {
        throw new OutboundTokenException(
            OutboundErrorCode.USER_CREDENTIALS,
            "the credentials are a user's, and Google mints a user's ID token for gcloud's own client,"
                + " not for " + audience + "; use a service account: on Cloud Run the service's own,"
                + " locally `gcloud auth application-default login --impersonate-service-account"
                + " SA_EMAIL` or GOOGLE_APPLICATION_CREDENTIALS set to a key file");
      }
      if (!(given instanceof IdTokenProvider provider)) {
        throw new OutboundTokenException(
            OutboundErrorCode.NOT_AN_ID_TOKEN_PROVIDER,
            "the credentials (" + given.getClass().getSimpleName() + ") cannot mint ID tokens; use"
                + " a service account, the metadata server, or impersonation");
      }
      return provider;
    }

    private static GoogleCredentials applicationDefault() {
      try {
        return GoogleCredentials.getApplicationDefault();
      } catch (IOException e) {
        throw new OutboundTokenException(
            OutboundErrorCode.NO_CREDENTIALS,
            "no Application Default Credentials (" + e.getMessage() + "); on Cloud Run the metadata"
                + " server provides them; locally run `gcloud auth application-default login"
                + " --impersonate-service-account SA_EMAIL`, or set GOOGLE_APPLICATION_CREDENTIALS to"
                + " a service account key file",
            e);
      }
    }
  }
}
