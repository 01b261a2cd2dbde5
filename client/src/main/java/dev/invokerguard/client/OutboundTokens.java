package dev.invokerguard.client;

import com.google.auth.oauth2.GoogleCredentials;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The calling side of Cloud Run <a
 * href="https://cloud.google.com/run/docs/authenticating/service-to-service">service-to-service
 * authentication</a>: for each configured {@link OutboundTarget}, requests to it carry a Google ID
 * token for its audience, from one {@link IdTokenSource} per audience. Requests to other URLs are
 * left as they are. The application's own {@code Authorization} is never overwritten: the token then
 * goes in {@code X-Serverless-Authorization}.
 *
 * <pre>{@code
 * OutboundTokens tokens = OutboundTokens.builder()
 *     .target(OutboundTarget.of("https://backend-abc-uc.a.run.app"))
 *     .build();
 * HttpResponse<String> response = client.send(
 *     tokens.authorize(HttpRequest.newBuilder(URI.create("https://backend-abc-uc.a.run.app/internal/x")).build()),
 *     HttpResponse.BodyHandlers.ofString());
 * }</pre>
 */
public final class OutboundTokens {
  private final List<OutboundTarget> targets;
  private final Map<String, IdTokenSource> sources;

  private OutboundTokens(List<OutboundTarget> targets, Map<String, IdTokenSource> sources) {
    this.targets = List.copyOf(targets);
    this.sources = Map.copyOf(sources);
  }

  /** A builder of targets. */
  public static Builder builder() {
    return new Builder();
  }

  /** The configured targets, in order. */
  public List<OutboundTarget> targets() {
    return targets;
  }

  /** The first target {@code url} goes to, if any. */
  public Optional<OutboundTarget> target(URI url) {
    return targets.stream().filter(target -> target.matches(url)).findFirst();
  }

  /**
   * The header a request to {@code url} must carry, given the headers it already has ({@code
   * present} answers for a name, case-insensitively); empty when {@code url} is no target's.
   *
   * @throws OutboundTokenException when no token can be had, or the header is the application's
   *     own: the request must not be sent
   */
  public Optional<OutboundHeader> header(URI url, Predicate<String> present) {
    Optional<OutboundTarget> target = target(url);
    if (target.isEmpty()) {
      return Optional.empty();
    }
    String name = target.get().header().headerName(present);
    String token = sources.get(target.get().audience()).token();
    return Optional.of(new OutboundHeader(name, "Bearer " + token));
  }

  /**
   * {@link #header} without waiting on the calling thread, for event loops and asynchronous clients:
   * the future is complete on return when {@code url} is no target's or a valid token is held; a mint
   * completes it from another thread. It fails with {@link OutboundTokenException} when no token can
   * be had or the header is the application's own: the request must not be sent.
   */
  public CompletableFuture<Optional<OutboundHeader>> headerAsync(URI url, Predicate<String> present) {
    Optional<OutboundTarget> target = target(url);
    if (target.isEmpty()) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    String name;
    try {
      name = target.get().header().headerName(present);
    } catch (OutboundTokenException e) {
      return CompletableFuture.failedFuture(e);
    }
    CompletableFuture<Optional<OutboundHeader>> header = new CompletableFuture<>();
    sources
        .get(target.get().audience())
        .tokenAsync()
        .whenComplete(
            (token, failure) -> {
              if (failure == null) {
                header.complete(Optional.of(new OutboundHeader(name, "Bearer " + token)));
              } else {
                header.completeExceptionally(unwrap(failure));
              }
            });
    return header;
  }

  private static Throwable unwrap(Throwable failure) {
    return failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause()
        : failure;
  }

  /**
   * {@code request} with its ID token added when it goes to a target, or {@code request} itself
   * otherwise: for the JDK {@code HttpClient} ({@code client.send(tokens.authorize(request), ...)}).
   *
   * @throws OutboundTokenException when no token can be had: the request is not to be sent
   */
  public HttpRequest authorize(HttpRequest request) {
    Optional<OutboundHeader> header =
        header(request.uri(), name -> request.headers().firstValue(name).isPresent());
    if (header.isEmpty()) {
      return request;
    }
    return HttpRequest.newBuilder(request, (name, value) -> true)
        .header(header.get().name(), header.get().value())
        .build();
  }

  /** Builds {@link OutboundTokens}; {@link #build()} creates one token source per audience. */
  public static final class Builder {
    private final List<OutboundTarget> targets = new ArrayList<>();
    private GoogleCredentials credentials;
    private Function<String, IdTokenSource> sourceFactory;

    private Builder() {}

    /** Adds a target. */
    public Builder target(OutboundTarget target) {
      targets.add(Objects.requireNonNull(target, "target"));
      return this;
    }

    /** Adds a target by URL, with the default audience and header. */
    public Builder target(String url) {
      return target(OutboundTarget.of(url));
    }

    /** Mints with these credentials instead of Application Default Credentials. */
    public Builder credentials(GoogleCredentials credentials) {
      this.credentials = Objects.requireNonNull(credentials, "credentials");
      return this;
    }

    /** Tokens from {@code factory} (one call per audience) instead of Google Auth Library. */
    public Builder sources(Function<String, IdTokenSource> factory) {
      this.sourceFactory = Objects.requireNonNull(factory, "factory");
      return this;
    }

    /**
     * The targets with their token sources.
     *
     * @throws OutboundTokenException when there is no target, or the credentials cannot mint
     */
    public OutboundTokens build() {
      if (targets.isEmpty()) {
        throw new OutboundTokenException(
            OutboundErrorCode.INVALID_TARGET, "at least one target URL is required");
      }
      Map<String, IdTokenSource> sources = new LinkedHashMap<>();
      for (OutboundTarget target : targets) {
        sources.computeIfAbsent(target.audience(), this::source);
      }
      return new OutboundTokens(targets, sources);
    }

    private IdTokenSource source(String audience) {
      if (sourceFactory != null) {
        return Objects.requireNonNull(sourceFactory.apply(audience), "source for " + audience);
      }
      GoogleIdTokenSource.Builder builder = GoogleIdTokenSource.builder(audience);
      if (credentials != null) {
        builder.credentials(credentials);
      }
      return builder.build();
    }
  }
}
