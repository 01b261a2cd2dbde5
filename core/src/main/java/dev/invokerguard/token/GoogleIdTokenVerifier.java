package dev.invokerguard.token;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * Verifies Google-signed ID tokens of the configured {@link TokenFamily token families}: routes by
 * {@code iss}, finds the key by {@code kid} in that family's own cached key set, checks the algorithm
 * against the family's allow-list, the signature (RFC 7515), and the claims (RFC 7519, OpenID Connect
 * Core 1.0 section 3.1.3.7). Successful verifications are cached until the token's {@code exp}.
 *
 * <p>Header parameters that name keys ({@code jku}, {@code jwk}, {@code x5u}, {@code x5c}) are ignored:
 * keys come only from the family's configured key set. Thread-safe; close it to stop background refreshes.
 *
 * <pre>{@code
 * GoogleIdTokenVerifier verifier = GoogleIdTokenVerifier.builder()
 *     .family(TokenFamily.google(List.of("https://my-service-abc123-uc.a.run.app")))
 *     .build();
 * verifier.prefetch();
 * TokenVerification result = verifier.verify(token);
 * }</pre>
 */
public final class GoogleIdTokenVerifier implements IdTokenVerifier, AutoCloseable {
  public static final Duration DEFAULT_ALLOWED_CLOCK_SKEW = Duration.ofSeconds(60);
  public static final Duration MAX_ALLOWED_CLOCK_SKEW = Duration.ofSeconds(300);
  public static final int DEFAULT_MAX_TOKEN_LENGTH = 16 * 1024;
  public static final long DEFAULT_VERIFIED_TOKEN_CACHE_SIZE = 10_000;

  private final Map<String, Route> routes;
  private final List<KeySource> keySources;
  private final Clock clock;
  private final Duration skew;
  private final int maxTokenLength;
  private final VerifiedTokenCache cache;
  private final @Nullable AudienceSource audienceSource;
  private final LongAdder cacheHits = new LongAdder();
  private final LongAdder cacheMisses = new LongAdder();

  private GoogleIdTokenVerifier(Builder builder, Map<String, Route> routes, List<KeySource> keySources) {
    this.routes = routes;
    this.keySources = keySources;
    this.clock = builder.clock;
    this.skew = builder.allowedClockSkew;
    this.maxTokenLength = builder.maxTokenLength;
    this.audienceSource = builder.audienceSource;
    this.cache = builder.verifiedTokenCacheSize == 0
        ? null : new VerifiedTokenCache(builder.verifiedTokenCacheSize, builder.clock);
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public TokenVerification verify(String token) {
    if (token == null || token.isEmpty()) {
      return TokenVerification.rejected(TokenError.MALFORMED, "no token");
    }
    if (token.length() > maxTokenLength) {
      return TokenVerification.rejected(TokenError.TOO_LARGE,
          "the token is longer than " + maxTokenLength + " characters");
    }
    if (cache != null) {
      TokenVerification hit = cache.get(token);
      if (hit != null) {
        cacheHits.increment();
        return hit;
      }
      cacheMisses.increment();
    }
    TokenVerification result = verifyUncached(token);
    if (cache != null && result.isVerified()) {
      cache.put(token, result);
    }
    return result;
  }

  @Override
  public @Nullable CompletionStage<Void> pendingFetch(String token) {
    if (token == null || token.isEmpty() || token.length() > maxTokenLength
        || (cache != null && cache.get(token) != null)) {
      return null;
    }
    if (!(CompactJws.parse(token) instanceof CompactJws jws)) {
      return null;
    }
    Route route = jws.payload.get("iss") instanceof String iss ? routes.get(iss) : null;
    String kid = jws.headerString("kid");
    return route == null || kid == null ? null : route.keys.pendingFetch(kid);
  }

  /**
   * The identity of a token Cloud Run verified and stripped ({@code SIGNATURE_REMOVED_BY_GOOGLE}): routed by
   * {@code iss} to a configured family, then its claims checked as for any token (expiry, audience, verified
   * email). Never cached. For shadow-mode comparisons only (see {@link IdTokenVerifier#verifyCloudRunVerified}).
   */
  @Override
  public TokenVerification verifyCloudRunVerified(String token) {
    if (token == null || token.isEmpty() || token.length() > maxTokenLength) {
      return TokenVerification.rejected(TokenError.MALFORMED, "no token, or one too long");
    }
    Object parsed = CompactJws.parseStripped(token);
    if (parsed instanceof TokenVerification rejected) {
      return rejected;
    }
    CompactJws jws = (CompactJws) parsed;
    String issuer = jws.payload.get("iss") instanceof String iss ? iss : null;
    Route route = issuer == null ? null : routes.get(issuer);
    if (route == null) {
      return TokenVerification.rejected(TokenError.UNKNOWN_ISSUER,
          "the token's issuer is not trusted by this service");
    }
    return claims(route, issuer, jws);
  }

  private TokenVerification claims(Route route, String issuer, CompactJws jws) {
    if (audienceSource != null && route.family.kind() == TokenFamily.Kind.GOOGLE) {
      java.util.Optional<java.util.Set<String>> learnt = audienceSource.current();
      if (learnt.isEmpty()) {
        return TokenVerification.rejected(TokenError.AUDIENCES_UNAVAILABLE,
            "the service's audiences are not known yet");
      }
      java.util.Set<String> accepted = new java.util.HashSet<>(learnt.get());
      accepted.addAll(route.family.audiences());
      return ClaimChecks.check(route.family, accepted, issuer, jws.payload, clock.instant(), skew);
    }
    return ClaimChecks.check(route.family, issuer, jws.payload, clock.instant(), skew);
  }

  private TokenVerification verifyUncached(String token) {
    Object parsed = CompactJws.parse(token);
    if (parsed instanceof TokenVerification rejected) {
      return rejected;
    }
    CompactJws jws = (CompactJws) parsed;
    String issuer = jws.payload.get("iss") instanceof String iss ? iss : null;
    Route route = issuer == null ? null : routes.get(issuer);
    if (route == null) {
      return TokenVerification.rejected(TokenError.UNKNOWN_ISSUER,
          "the token's issuer is not trusted by this service");
    }
    String alg = jws.headerString("alg");
    if (alg == null || !route.family.algorithms().contains(alg)) {
      return TokenVerification.rejected(TokenError.ALGORITHM_NOT_ALLOWED,
          "the token's algorithm is not allowed for its issuer");
    }
    if (jws.header.containsKey("crit")) {
      return TokenVerification.rejected(TokenError.MALFORMED, "the token has critical header parameters");
    }
    String kid = jws.headerString("kid");
    if (kid == null || kid.isEmpty()) {
      return TokenVerification.rejected(TokenError.MISSING_KEY_ID, "the token names no signing key (kid)");
    }
    KeySource.KeyLookup lookup = route.keys.find(kid);
    switch (lookup.status()) {
      case UNAVAILABLE:
        return TokenVerification.rejected(TokenError.KEYS_UNAVAILABLE,
            "the issuer's signing keys cannot be fetched right now");
      case UNKNOWN_KID:
        return TokenVerification.rejected(TokenError.UNKNOWN_KEY_ID,
            "the token's signing key is not among its issuer's keys");
      default:
        break;
    }
    if (lookup.algorithm() != null && !lookup.algorithm().equals(alg)) {
      return TokenVerification.rejected(TokenError.ALGORITHM_NOT_ALLOWED,
          "the token's algorithm does not match its key");
    }
    TokenVerification signature = JwsSignatures.check(alg, lookup.key(), jws);
    if (signature != null) {
      return signature;
    }
    return claims(route, issuer, jws);
  }

  /**
   * Loads every family's keys now, so that the first request pays no fetch.
   *
   * @return true when every key source has usable keys
   */
  public boolean prefetch() {
    boolean all = true;
    for (KeySource source : keySources) {
      all &= source.prefetch();
    }
    return all;
  }

  /**
   * Starts loading every family's keys on the refresh executor and returns at once, so that an application's
   * start does not wait for them: a request that arrives before they are in waits for the fetch in flight
   * (single flight), as it would for a first fetch.
   *
   * @return completes with true when every key source has usable keys; never completes exceptionally
   */
  public CompletionStage<Boolean> startPrefetch() {
    List<CompletableFuture<Boolean>> all = keySources.stream().map(KeySource::startPrefetch).toList();
    return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
        .thenApply(done -> all.stream().allMatch(CompletableFuture::join)).minimalCompletionStage();
  }

  /** One snapshot per key source. */
  public List<KeySetStats> keySetStats() {
    return keySources.stream().map(KeySource::stats).toList();
  }

  /** The verified-token cache's hits, misses and size. */
  public TokenCacheStats tokenCacheStats() {
    return cache == null ? TokenCacheStats.DISABLED
        : new TokenCacheStats(true, cacheHits.sum(), cacheMisses.sum(), cache.entries());
  }

  /** The verified-token cache, or {@code null} when disabled. */
  VerifiedTokenCache verifiedTokenCache() {
    return cache;
  }

    /** Stops background key refreshes. */
  @Override
  public void close() {
    keySources.forEach(KeySource::close);
  }

  private record Route(TokenFamily family, KeySource keys) {}

  /** Creates the key source of one family; tests substitute in-memory ones. */
  interface KeySourceFactory {
    KeySource create(TokenFamily family, KeySetSettings settings, Clock clock, Executor executor);
  }

  /** Builds a {@link GoogleIdTokenVerifier}; {@link #build()} fails fast on a bad configuration. */
  public static final class Builder {
    private final List<TokenFamily> families = new ArrayList<>();
    private final Map<TokenFamily, KeySource> fixedKeys = new HashMap<>();
    private Clock clock = Clock.systemUTC();
    private Duration allowedClockSkew = DEFAULT_ALLOWED_CLOCK_SKEW;
    private int maxTokenLength = DEFAULT_MAX_TOKEN_LENGTH;
    private long verifiedTokenCacheSize = DEFAULT_VERIFIED_TOKEN_CACHE_SIZE;
    private KeySetSettings keySetSettings = KeySetSettings.defaults();
    private Executor refreshExecutor;
    private KeySourceFactory keySourceFactory = KeySourceFactories.HTTP;
    private AudienceSource audienceSource;

    private Builder() {}

    /**
     * Audiences learnt at run time for the {@link TokenFamily.Kind#GOOGLE} family, accepted in addition to
     * the family's own; while the source knows none, such tokens are rejected with
     * {@link TokenError#AUDIENCES_UNAVAILABLE}. A verified token stays cached until its expiry even if the
     * audiences change meanwhile.
     */
    public Builder audienceSource(AudienceSource source) {
      this.audienceSource = Objects.requireNonNull(source, "audienceSource");
      return this;
    }

    /** Trusts one more token family. At least one is required. */
    public Builder family(TokenFamily family) {
      families.add(Objects.requireNonNull(family, "family"));
      return this;
    }

    /** The clock for exp/nbf/iat and cache lifetimes. Default: system UTC. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Tolerance for exp, nbf and iat. Default 60 s, at most 300 s. */
    public Builder allowedClockSkew(Duration skew) {
      this.allowedClockSkew = Objects.requireNonNull(skew, "skew");
      return this;
    }

    /** Longest token accepted, in characters. Default 16 KiB. */
    public Builder maxTokenLength(int length) {
      this.maxTokenLength = length;
      return this;
    }

    /**
     * Entries in the verified-token cache; 0 disables it. Default 10,000. The cache is also bounded by
     * weight: this many times 2 KiB of token and claim characters; tokens over 4 KiB are never cached.
     */
    public Builder verifiedTokenCacheSize(long size) {
      this.verifiedTokenCacheSize = size;
      return this;
    }

    public Builder keySetSettings(KeySetSettings settings) {
      this.keySetSettings = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /** Runs background key refreshes. Default: one daemon thread per key source. */
    public Builder refreshExecutor(Executor executor) {
      this.refreshExecutor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * Trusts one more token family whose keys come from this key-set document (a JWK set, or a map of key
     * id to PEM certificate) instead of its key-set URI: for offline use, such as
     * {@code invokerguard explain --jwks-file}. Only this family uses these keys.
     *
     * @throws IllegalArgumentException when the document holds no usable key
     */
    public Builder family(TokenFamily family, String keySetDocument) {
      KeySetParser.Result result = KeySetParser.parse(keySetDocument, TokenFamily.KeySetFormat.JWK_SET);
      if (!result.succeeded()) {
        KeySetParser.Result pem = KeySetParser.parse(keySetDocument, TokenFamily.KeySetFormat.X509_PEM_MAP);
        if (!pem.succeeded()) {
          throw new IllegalArgumentException("not a usable key set: " + result.error());
        }
        result = pem;
      }
      family(family);
      fixedKeys.put(family, new FixedKeySource(result.keys()));
      return this;
    }

    Builder keySourceFactory(KeySourceFactory factory) {
      this.keySourceFactory = Objects.requireNonNull(factory, "factory");
      return this;
    }

    public GoogleIdTokenVerifier build() {
      if (families.isEmpty()) {
        throw new IllegalStateException("at least one token family is required");
      }
      if (allowedClockSkew.isNegative() || allowedClockSkew.compareTo(MAX_ALLOWED_CLOCK_SKEW) > 0) {
        throw new IllegalStateException("allowed clock skew must be between 0 and "
            + MAX_ALLOWED_CLOCK_SKEW.toSeconds() + " s: " + allowedClockSkew);
      }
      if (maxTokenLength < 256) {
        throw new IllegalStateException("max token length must be at least 256: " + maxTokenLength);
      }
      if (verifiedTokenCacheSize < 0) {
        throw new IllegalStateException("verified-token cache size must not be negative");
      }
      for (TokenFamily family : families) {
        if (family.audiences().isEmpty() && (family.kind() != TokenFamily.Kind.GOOGLE || audienceSource == null)) {
          throw new IllegalStateException(family.kind() + ": a token family without audiences needs an audience"
              + " source; it would accept tokens minted for no service");
        }
      }
      Map<String, Route> routes = new HashMap<>();
      Map<String, KeySource> sources = new LinkedHashMap<>();
      for (TokenFamily family : families) {
        KeySource fixed = fixedKeys.get(family);
        String sourceKey = fixed != null ? "fixed " + System.identityHashCode(fixed)
            : family.keySetFormat() + " " + family.keySetUri();
        KeySource keys = sources.computeIfAbsent(sourceKey, k -> fixed != null ? fixed
            : keySourceFactory.create(family, keySetSettings, clock, refreshExecutor));
        for (String issuer : family.issuers()) {
          if (routes.putIfAbsent(issuer, new Route(family, keys)) != null) {
            throw new IllegalStateException("issuer " + issuer + " is configured by two token families");
          }
        }
      }
      return new GoogleIdTokenVerifier(this, Map.copyOf(routes), List.copyOf(sources.values()));
    }
  }
}
