package dev.invokerguard;

import dev.invokerguard.identity.CachingGroupResolver;
import dev.invokerguard.identity.GroupLookupLimits;
import dev.invokerguard.identity.GroupLookups;
import dev.invokerguard.identity.FirebaseAnonymousUsers;
import dev.invokerguard.identity.GroupResolver;
import dev.invokerguard.identity.MembershipLookup;
import dev.invokerguard.identity.StaticGroupResolver;
import dev.invokerguard.policy.PolicyEvaluator;
import dev.invokerguard.policy.PolicyLayer;
import dev.invokerguard.policy.PolicyLoadException;
import dev.invokerguard.policy.PolicyLoader;
import dev.invokerguard.policy.PolicyText;
import dev.invokerguard.policy.RoleCatalog;
import dev.invokerguard.policy.source.PolicySnapshot;
import dev.invokerguard.policy.source.PolicyDocument;
import dev.invokerguard.policy.source.PolicySource;
import dev.invokerguard.policy.source.PolicySourceException;
import dev.invokerguard.policy.source.PolicySourceOptions;
import dev.invokerguard.policy.source.PolicySources;
import dev.invokerguard.request.CredentialExtractor;
import dev.invokerguard.request.IapRequestTargetNormalizer;
import dev.invokerguard.request.PreflightSettings;
import dev.invokerguard.request.RequestTargetNormalizer;
import dev.invokerguard.token.IdTokenVerifier;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;

/**
 * Builds an {@link InvokerGuard}. {@link #build()} fails fast: a missing part or a bad setting throws
 * {@link InvokerGuardConfigurationException}; policy documents that do not load throw
 * {@link PolicyLoadException} listing every problem of every document.
 */
public final class InvokerGuardBuilder {
  /** The default longest credential header accepted, in characters. */
  public static final int DEFAULT_MAX_CREDENTIAL_HEADER_LENGTH = 16 * 1024;
  public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(5);
  public static final String DEFAULT_REALM = "invokerguard";
  public static final Duration DEFAULT_GROUP_CACHE_TTL = Duration.ofMinutes(5);
  public static final long GROUP_CACHE_ENTRIES = 10_000;

  private IdTokenVerifier verifier;
  private PolicyEvaluator evaluator;
  private PolicySource policySource;
  private boolean compareWithCloudRun;
  private EnforcementMode mode = EnforcementMode.ENFORCE;
  private final List<DecisionListener> listeners = new ArrayList<>();
  private java.util.function.LongSupplier ticker = System::nanoTime;
  private final List<PolicyDocument> allowTexts = new ArrayList<>();
  private final List<PolicyText> denyTexts = new ArrayList<>();
  private String permission = PolicyLoader.DEFAULT_PERMISSION;
  private RoleCatalog roles = RoleCatalog.builtIn();
  private GroupResolver groupResolver = GroupResolver.NONE;
  private Duration groupCacheTtl = DEFAULT_GROUP_CACHE_TTL;
  private MembershipLookup membershipLookup;
  private GroupLookupLimits groupLookupLimits = GroupLookupLimits.DEFAULT;
  private PreflightSettings preflight = PreflightSettings.allPaths();
  private Clock clock = Clock.systemUTC();
  private String realm = DEFAULT_REALM;
  private int maxCredentialHeaderLength = DEFAULT_MAX_CREDENTIAL_HEADER_LENGTH;
  private Duration retryAfter = DEFAULT_RETRY_AFTER;
  private boolean iapAssertion;
  private boolean allowPathParameters;
  private RequestTargetNormalizer normalizer;
  private Executor fetchExecutor = ForkJoinPool.commonPool();
  private FirebaseAnonymousUsers firebaseAnonymousUsers = FirebaseAnonymousUsers.UID_ONLY;

  InvokerGuardBuilder() {}

  /** Verifies tokens (required). */
  public InvokerGuardBuilder verifier(IdTokenVerifier value) {
    this.verifier = value;
    return this;
  }

  /** Decides with an evaluator built elsewhere (instead of policy documents). */
  public InvokerGuardBuilder evaluator(PolicyEvaluator value) {
    this.evaluator = value;
    return this;
  }

  /**
   * Decides with the policy a source serves now, which may be replaced at any time (reloaded files, the
   * live Cloud Run policy; see {@link dev.invokerguard.policy.source.PolicySources}). Instead of an evaluator or
   * policy documents. While the source has no policy every request is answered 503.
   */
  public InvokerGuardBuilder policySource(PolicySource value) {
    this.policySource = value;
    return this;
  }

  /** Enforce denials, or only report them (default {@link EnforcementMode#ENFORCE}). */
  public InvokerGuardBuilder mode(EnforcementMode value) {
    this.mode = value;
    return this;
  }

  /**
   * In {@link EnforcementMode#SHADOW shadow} mode only, behind Cloud Run's own invoker check: read a token
   * whose signature Cloud Run removed as the identity Cloud Run verified (issuer, audience and expiry still
   * checked) and record the decision as a comparison ({@link InvokerGuard#cloudRunComparison()}). Ignored in
   * enforce mode, which never trusts a removed signature. Default false; the runtime sets it when
   * {@code K_SERVICE} is in the environment.
   */
  public InvokerGuardBuilder compareWithCloudRun(boolean value) {
    this.compareWithCloudRun = value;
    return this;
  }

  /** Adds a listener told of every decision (decision log, metrics); called in the order added. */
  public InvokerGuardBuilder listener(DecisionListener value) {
    listeners.add(java.util.Objects.requireNonNull(value, "listener"));
    return this;
  }

  InvokerGuardBuilder ticker(java.util.function.LongSupplier value) {
    this.ticker = value;
    return this;
  }

  /** Adds an allow policy document; layers are evaluated as their union. */
  public InvokerGuardBuilder allowPolicy(PolicyText text, PolicyLayer layer) {
    allowTexts.add(new PolicyDocument(text, layer));
    return this;
  }

  /** Adds an IAM v2 deny policy document. */
  public InvokerGuardBuilder denyPolicy(PolicyText text) {
    denyTexts.add(text);
    return this;
  }

  /** The permission a request needs (default {@code run.routes.invoke}); applies to policy documents. */
  public InvokerGuardBuilder permission(String value) {
    this.permission = value;
    return this;
  }

  /** The roles and their permissions (default: built-in); applies to policy documents. */
  public InvokerGuardBuilder roles(RoleCatalog value) {
    this.roles = value;
    return this;
  }

  /** Resolves callers' groups so that {@code group:} members match (default: none). */
  public InvokerGuardBuilder groupResolver(GroupResolver value) {
    this.groupResolver = value;
    return this;
  }

  /**
   * How long a caller's groups are remembered (default 5 minutes, at most {@value #GROUP_CACHE_ENTRIES}
   * callers); {@code Duration.ZERO} asks the resolver on every request. A static resolver is never cached.
   */
  public InvokerGuardBuilder groupCacheTtl(Duration value) {
    this.groupCacheTtl = value;
    return this;
  }

  /**
   * Looks {@code group:} members up one group at a time, only for groups that could decide a request (the
   * Cloud Identity Groups API: {@link MembershipLookup#cloudIdentity}, or the Directory API:
   * {@link MembershipLookup#directory}); answers are cached per (group, member) within
   * {@link #groupLookupLimits}. Instead of a {@link #groupResolver} (giving both fails).
   */
  public InvokerGuardBuilder membershipLookup(MembershipLookup value) {
    this.membershipLookup = value;
    return this;
  }

  /** The cache and rate bounds of a {@link #membershipLookup} (default {@link GroupLookupLimits#DEFAULT}). */
  public InvokerGuardBuilder groupLookupLimits(GroupLookupLimits value) {
    this.groupLookupLimits = value;
    return this;
  }

  /** When CORS preflights pass without a token (default: on every path). */
  public InvokerGuardBuilder preflight(PreflightSettings value) {
    this.preflight = value;
    return this;
  }

  /** The source of {@code request.time} (default: the system clock, UTC). */
  public InvokerGuardBuilder clock(Clock value) {
    this.clock = value;
    return this;
  }

  /** The realm of {@code WWW-Authenticate} challenges (default {@value #DEFAULT_REALM}). */
  public InvokerGuardBuilder realm(String value) {
    this.realm = value;
    return this;
  }

  /**
   * The longest credential header accepted, in characters (default 16 KiB); a longer one is answered with
   * 400. Keep it at least the token verifier's own token-size limit plus {@code "Bearer "}.
   */
  public InvokerGuardBuilder maxCredentialHeaderLength(int value) {
    this.maxCredentialHeaderLength = value;
    return this;
  }

  /** The {@code Retry-After} of a 503 when keys cannot be had (default 5 seconds). */
  public InvokerGuardBuilder retryAfter(Duration value) {
    this.retryAfter = value;
    return this;
  }

  /** Also read IAP's {@code x-goog-iap-jwt-assertion} when no other credential is sent (default off). */
  public InvokerGuardBuilder acceptIapAssertion(boolean value) {
    this.iapAssertion = value;
    return this;
  }

  /**
   * Accept {@code ;} path parameters and strip them before rules see the path, as IAP does (default off:
   * a path with {@code ;} is answered with 400).
   */
  public InvokerGuardBuilder allowPathParameters(boolean value) {
    this.allowPathParameters = value;
    return this;
  }

  /**
   * Runs what {@link InvokerGuard#checkAsync} must not wait for on the calling thread: a group resolver's
   * lookups on a cache miss (default: the common fork-join pool). Key fetches run on the verifier's own
   * refresh executor.
   */
  public InvokerGuardBuilder fetchExecutor(Executor value) {
    this.fetchExecutor = java.util.Objects.requireNonNull(value, "fetchExecutor");
    return this;
  }

  /**
   * What anonymous Firebase sign-ins match (default {@link FirebaseAnonymousUsers#UID_ONLY}: their own UID
   * member and {@code allUsers}, not {@code allAuthenticatedUsers}).
   */
  public InvokerGuardBuilder firebaseAnonymousUsers(FirebaseAnonymousUsers value) {
    this.firebaseAnonymousUsers = java.util.Objects.requireNonNull(value, "firebaseAnonymousUsers");
    return this;
  }

  InvokerGuardBuilder targetNormalizer(RequestTargetNormalizer value) {
    this.normalizer = value;
    return this;
  }

  public InvokerGuard build() {
    require(verifier != null, ConfigurationErrorCode.MISSING_VERIFIER, "a token verifier is required");
    boolean documents = !allowTexts.isEmpty() || !denyTexts.isEmpty();
    int given = (evaluator != null ? 1 : 0) + (documents ? 1 : 0) + (policySource != null ? 1 : 0);
    require(given <= 1, ConfigurationErrorCode.CONFLICTING_POLICY_SOURCES,
        "give one of an evaluator, policy documents or a policy source");
    require(evaluator != null || policySource != null || !allowTexts.isEmpty(),
        ConfigurationErrorCode.MISSING_POLICY,
        "an allow policy (or an evaluator, or a policy source) is required");
    require(mode != null, ConfigurationErrorCode.INVALID_SETTING, "mode must not be null");
    require(realm != null && !realm.isBlank() && realm.chars().allMatch(c -> c >= 0x20 && c < 0x7f
        && c != '"' && c != '\\'), ConfigurationErrorCode.INVALID_SETTING,
        "realm must be printable ASCII without quotes or backslashes");
    require(maxCredentialHeaderLength >= 1024, ConfigurationErrorCode.INVALID_SETTING,
        "maxCredentialHeaderLength must be at least 1024: " + maxCredentialHeaderLength);
    require(retryAfter != null && retryAfter.toSeconds() >= 1, ConfigurationErrorCode.INVALID_SETTING,
        "retryAfter must be at least one second: " + retryAfter);
    require(groupCacheTtl != null && !groupCacheTtl.isNegative(), ConfigurationErrorCode.INVALID_SETTING,
        "groupCacheTtl must not be negative: " + groupCacheTtl);
    require(clock != null && preflight != null && groupResolver != null && roles != null,
        ConfigurationErrorCode.INVALID_SETTING, "clock, preflight, groupResolver and roles must not be null");
    require(membershipLookup == null || groupResolver == GroupResolver.NONE,
        ConfigurationErrorCode.INVALID_SETTING, "give a group resolver or a membership lookup, not both");
    require(groupLookupLimits != null, ConfigurationErrorCode.INVALID_SETTING,
        "groupLookupLimits must not be null");
    PolicySource policies = policySource != null ? policySource
        : evaluator != null
            ? PolicySource.fixed(new PolicySnapshot(evaluator, null, clock.instant(), "evaluator"))
        : loadDocuments();
    RequestTargetNormalizer target = normalizer != null
        ? normalizer : new IapRequestTargetNormalizer(allowPathParameters);
    return new InvokerGuard(verifier, policies, target,
        new CredentialExtractor(maxCredentialHeaderLength, iapAssertion), preflight, cachedGroups(),
        membershipLookup == null ? null : GroupLookups.of(membershipLookup, groupLookupLimits, clock), clock,
        new Decisions(realm, retryAfter, maxCredentialHeaderLength), mode, listeners, ticker, fetchExecutor,
        compareWithCloudRun, firebaseAnonymousUsers);
  }

  /** Remote resolvers are cached; a static resolver, or a TTL of zero, is asked directly. */
  private GroupResolver cachedGroups() {
    if (groupResolver == GroupResolver.NONE || groupResolver instanceof StaticGroupResolver
        || groupResolver instanceof CachingGroupResolver || groupCacheTtl.isZero()) {
      return groupResolver;
    }
    return CachingGroupResolver.wrap(groupResolver, groupCacheTtl, GROUP_CACHE_ENTRIES, clock, fetchExecutor);
  }

  /** The documents, loaded the way every policy location is (see {@link PolicySources#load}). */
  private PolicySource loadDocuments() {
    PolicySourceOptions.Builder options = PolicySourceOptions.builder().permission(permission).roles(roles)
        .clock(clock);
    denyTexts.forEach(options::denyPolicy);
    try {
      return PolicySources.load(allowTexts, options.build());
    } catch (PolicySourceException e) {
      throw new InvokerGuardConfigurationException(ConfigurationErrorCode.INVALID_SETTING, e.getMessage(), e);
    }
  }

  private static void require(boolean condition, ConfigurationErrorCode code, String message) {
    if (!condition) {
      throw new InvokerGuardConfigurationException(code, message);
    }
  }
}
