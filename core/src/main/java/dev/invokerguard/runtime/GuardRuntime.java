package dev.invokerguard.runtime;

import dev.invokerguard.DecisionListener;
import dev.invokerguard.InvokerGuard;
import dev.invokerguard.identity.GroupResolver;
import dev.invokerguard.policy.source.ApiCredentials;
import dev.invokerguard.policy.source.PolicySource;
import dev.invokerguard.policy.source.PolicySourceStatus;
import dev.invokerguard.policy.source.ReloadingPolicySource;
import dev.invokerguard.policy.source.ServiceAudiences;
import dev.invokerguard.token.GoogleIdTokenVerifier;
import dev.invokerguard.token.KeySetStats;
import dev.invokerguard.token.TokenCacheStats;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import org.jspecify.annotations.Nullable;

/**
 * A running {@link InvokerGuard} made from {@link GuardSettings}, with its lifecycle: it owns the token
 * verifier (and its background key refreshes) and the policy source (and its polls), so {@link #close()} it
 * when the application stops. What adapters build on.
 *
 * <p>It trusts Google ID tokens for the configured audiences with keys from {@code jwks-uri}, plus Firebase /
 * Identity Platform tokens when {@code firebase-project} is set (keys from {@code firebase-keys-uri}, tenants
 * as {@code firebase-tenants} says) and IAP signed headers when {@code iap-audience} is set (keys from
 * {@code iap-keys-uri}). It loads the policy documents, then starts fetching the keys in the background and
 * returns without waiting for them ({@link #keysPrefetched()}), so that the application's start goes on
 * meanwhile; a request that arrives first waits for that fetch. A failed prefetch is logged and is not fatal
 * (requests that need a key are answered 503 with {@code Retry-After} until keys can be had; nothing is ever
 * allowed without them). A setting or document that does not load throws
 * {@link dev.invokerguard.InvokerGuardConfigurationException}, so a deployment never starts open.
 *
 * <pre>{@code
 * try (GuardRuntime runtime = GuardRuntime.builder(GuardSettings.fromEnvironment())
 *     .listener(metrics)                          // any number of DecisionListeners, after the decision log
 *     .groupResolver(directory)                   // group: members (instead of invokerguard.groups)
 *     .policySource(policies)                     // the application's policy (instead of invokerguard.policy)
 *     .executor(scheduler)                        // key refreshes, policy polls, group lookups; not closed here
 *     .start()) {
 *   Decision decision = runtime.guard().check(request);
 *   GuardHealth health = runtime.health();
 * }
 * }</pre>
 */
public final class GuardRuntime implements AutoCloseable {
  private final GuardSettings settings;
  private final GoogleIdTokenVerifier verifier;
  private final PolicySource policies;
  private final @Nullable ReloadingPolicySource ownedPolicies;
  private final @Nullable ServiceAudiences audiences;
  private final InvokerGuard guard;
  private final Clock clock;
  private final @Nullable ScheduledExecutorService ownedExecutor;
  private final CompletableFuture<Boolean> keysPrefetched;

  GuardRuntime(GuardSettings settings, GoogleIdTokenVerifier verifier, PolicySource policies,
      @Nullable ReloadingPolicySource ownedPolicies, @Nullable ServiceAudiences audiences, InvokerGuard guard,
      Clock clock, @Nullable ScheduledExecutorService ownedExecutor, CompletableFuture<Boolean> keysPrefetched) {
    this.audiences = audiences;
    this.keysPrefetched = keysPrefetched;
    this.settings = settings;
    this.verifier = verifier;
    this.policies = policies;
    this.ownedPolicies = ownedPolicies;
    this.guard = guard;
    this.clock = clock;
    this.ownedExecutor = ownedExecutor;
  }

  /** A runtime for these settings, with hooks; {@link Builder#start()} starts it. */
  public static Builder builder(GuardSettings settings) {
    return new Builder(Objects.requireNonNull(settings, "settings"));
  }

  /**
   * Starts a runtime with no hooks: {@code builder(settings).start()}.
   *
   * @throws dev.invokerguard.InvokerGuardConfigurationException for a setting, location or document that is
   *     unusable
   */
  public static GuardRuntime start(GuardSettings settings) {
    return builder(settings).start();
  }

  /** The guard; thread-safe. */
  public InvokerGuard guard() {
    return guard;
  }

  /** The settings it was started with. */
  public GuardSettings settings() {
    return settings;
  }

  /**
   * UP, DEGRADED or DOWN, with the policy's etag and age, each key source's age and last error, and the
   * group lookups' counters.
   */
  public GuardHealth health() {
    return GuardHealth.of(policyStatus(), verifier.keySetStats(), clock.instant(),
        audiences == null ? null : audiences.status(), guard.cloudRunComparison().orElse(null),
        guard.groupLookupStats().orElse(null));
  }

  /**
   * The audiences read from Cloud Run ({@code invokerguard.audiences=auto}), or empty when they are all
   * configured.
   */
  public java.util.Optional<ServiceAudiences.Status> serviceAudiences() {
    return audiences == null ? java.util.Optional.empty() : java.util.Optional.of(audiences.status());
  }

  /**
   * What policy is served, how old it is, and how reloads go. For a {@link Builder#policySource} that is not a
   * {@link ReloadingPolicySource}: what its current snapshot says (no reload counters).
   */
  public PolicySourceStatus policyStatus() {
    return SuppliedPolicySources.status(policies, clock);
  }

  /**
   * The key fetch that {@link Builder#start()} started and did not wait for: completes with true when every key
   * source holds usable keys after it, with false when one could not get them (logged; such requests are
   * answered 503 until a later fetch succeeds). Never completes exceptionally. Until it completes,
   * {@link #health()} reports the key sources that have no keys yet as down, and a request that needs a key
   * waits for this fetch.
   */
  public CompletionStage<Boolean> keysPrefetched() {
    return keysPrefetched.minimalCompletionStage();
  }

  /** The token signing keys' counters and ages. */
  public List<KeySetStats> keySetStats() {
    return verifier.keySetStats();
  }

  /** How often verified tokens were answered from the cache. */
  public TokenCacheStats tokenCacheStats() {
    return verifier.tokenCacheStats();
  }

  /**
   * Stops background key refreshes and the policy polls of {@code invokerguard.policy}, and the executor it
   * created (not one it was given, nor a {@link Builder#policySource}).
   */
  @Override
  public void close() {
    verifier.close();
    if (ownedPolicies != null) {
      ownedPolicies.close();
    }
    if (audiences != null) {
      audiences.close();
    }
    if (ownedExecutor != null) {
      ownedExecutor.shutdownNow();
    }
  }

  /** Hooks of a {@link GuardRuntime}; every one is optional. */
  public static final class Builder {
    final GuardSettings settings;
    final List<DecisionListener> listeners = new ArrayList<>();
    final List<VerifierCustomizer> customizers = new ArrayList<>();
    @Nullable GroupResolver groupResolver;
    @Nullable PolicySource policySource;
    @Nullable ApiCredentials apiCredentials;
    @Nullable ApiCredentials groupApiCredentials;
    Clock clock = Clock.systemUTC();
    @Nullable ScheduledExecutorService executor;
    java.net.@Nullable URI cloudRunBase;
    java.util.Map<String, String> environment = System.getenv();

    private Builder(GuardSettings settings) {
      this.settings = settings;
    }

    /**
     * The process environment the runtime looks at besides the settings (default {@code System.getenv()}):
     * {@code K_SERVICE} says the service runs on Cloud Run, where shadow mode compares its decisions with
     * Cloud Run's own check ({@link dev.invokerguard.InvokerGuardBuilder#compareWithCloudRun}).
     */
    public Builder environment(java.util.Map<String, String> value) {
      this.environment = java.util.Map.copyOf(Objects.requireNonNull(value, "environment"));
      return this;
    }

    /** Adds a listener told of every decision, after the decision log (metrics, audit); in the order added. */
    public Builder listener(DecisionListener value) {
      listeners.add(Objects.requireNonNull(value, "listener"));
      return this;
    }

    /**
     * Resolves callers' groups so that {@code group:} members match; its answers are cached per caller for
     * five minutes. Instead of the {@code invokerguard.groups} setting (giving both fails start-up).
     */
    public Builder groupResolver(GroupResolver value) {
      this.groupResolver = Objects.requireNonNull(value, "groupResolver");
      return this;
    }

    /**
     * The policy every request is decided by, instead of the {@code invokerguard.policy} setting (giving both
     * fails start-up; giving neither too): an application's own source, such as one it reloads itself. Each
     * request reads {@link PolicySource#current()} once, so a new snapshot is used from the next request on;
     * while it is empty every request is answered 503. {@link GuardRuntime#policyStatus()} and health report it
     * ({@link ReloadingPolicySource#status()} when it is one). The runtime does not close it. The
     * {@code permission} (other than its default), {@code local-policy}, {@code public-paths}, {@code deny-policy}, {@code custom-roles},
     * {@code last-known-good} and {@code policy-refresh-interval} settings shape how {@code invokerguard.policy}
     * is loaded, so they are refused with it.
     */
    public Builder policySource(PolicySource value) {
      this.policySource = Objects.requireNonNull(value, "policySource");
      return this;
    }

    /**
     * Authenticates the Google API calls of {@code cloudrun://} policy locations (default: Application
     * Default Credentials, which need Google Auth Library on the class path). For example
     * {@code uri -> Map.of("Authorization", List.of("Bearer " + tokens.accessToken()))}.
     */
    public Builder apiCredentials(ApiCredentials value) {
      this.apiCredentials = Objects.requireNonNull(value, "apiCredentials");
      return this;
    }

    /**
     * Authenticates the group lookups of {@code invokerguard.groups=cloud-identity} or {@code directory}
     * (default: Application Default Credentials with the API's read-only groups scope, which need Google Auth
     * Library on the class path).
     */
    public Builder groupApiCredentials(ApiCredentials value) {
      this.groupApiCredentials = Objects.requireNonNull(value, "groupApiCredentials");
      return this;
    }

    /** The clock of token checks, cache lifetimes, policy ages, {@code request.time} and health. */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /**
     * Runs key fetches and refreshes, policy polls and group lookups. The runtime does not shut it down;
     * by default it creates one of two daemon threads and shuts that down on {@link GuardRuntime#close()}.
     */
    public Builder executor(ScheduledExecutorService value) {
      this.executor = Objects.requireNonNull(value, "executor");
      return this;
    }

    /** Where the Cloud Run Admin API is (a local fake in tests). */
    Builder cloudRunBase(java.net.URI value) {
      this.cloudRunBase = value;
      return this;
    }

    /** Adjusts the token verifier after the settings are applied; customizers run in the order added. */
    public Builder verifierCustomizer(VerifierCustomizer value) {
      customizers.add(Objects.requireNonNull(value, "customizer"));
      return this;
    }

    /**
     * Loads the policy, builds the verifier and the guard, and starts fetching the keys in the background
     * without waiting for them ({@link GuardRuntime#keysPrefetched()}; a failed prefetch is logged, not fatal).
     *
     * @throws dev.invokerguard.InvokerGuardConfigurationException for a setting, location or document that is
     *     unusable; nothing is left running
     */
    public GuardRuntime start() {
      return RuntimeAssembly.start(this);
    }
  }
}
