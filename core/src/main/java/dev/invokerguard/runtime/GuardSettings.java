package dev.invokerguard.runtime;

import dev.invokerguard.EnforcementMode;
import dev.invokerguard.identity.FirebaseAnonymousUsers;
import dev.invokerguard.identity.GroupLookupLimits;
import dev.invokerguard.identity.MembershipLookup;
import dev.invokerguard.request.PreflightSettings;
import dev.invokerguard.policy.PolicyLoader;
import dev.invokerguard.token.FirebaseTenants;
import dev.invokerguard.token.GoogleIdTokenVerifier;
import dev.invokerguard.token.TokenFamily;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The settings of an InvokerGuard deployment, in the vocabulary every adapter shares (DESIGN.md,
 * "Configuration"): property form {@code invokerguard.some-name}, environment form
 * {@code INVOKERGUARD_SOME_NAME}. Immutable; construction validates every value and throws
 * {@link dev.invokerguard.InvokerGuardConfigurationException} naming the setting in both forms, so that a deployment never
 * starts open. {@link GuardRuntime#start} turns settings into a running guard.
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>property</th><th>value</th><th>default</th></tr>
 *   <tr><td>{@code policy}</td><td>allow policy locations, comma-separated: file path, {@code file:},
 *       {@code classpath:}, {@code cloudrun://projects/P/locations/L/services/S} or
 *       {@code cloudrun://projects/P}. One location is the service's policy; with several, all but the last are
 *       project-level layers and the last is the service's</td><td>required, unless the runtime is given
 *       a {@link dev.invokerguard.policy.source.PolicySource} ({@link GuardRuntime.Builder#policySource})</td></tr>
 *   <tr><td>{@code local-policy}</td><td>the application's own policy layer ({@link
 *       dev.invokerguard.policy.PolicyLayer#LOCAL}), a file or {@code classpath:} location evaluated with
 *       the service's policy; it may grant {@code allUsers} under conditions</td><td>unset</td></tr>
 *   <tr><td>{@code public-paths}</td><td>path prefixes open to everyone, comma-separated (see
 *       {@link dev.invokerguard.policy.PublicPaths})</td><td>unset</td></tr>
 *   <tr><td>{@code audiences}</td><td>accepted {@code aud} values, comma-separated; {@value #AUTO_AUDIENCES}
 *       reads the service's URLs and custom audiences from the Cloud Run Admin API</td><td>{@code auto} when
 *       the service's policy is a {@code cloudrun://} service location, else required</td></tr>
 *   <tr><td>{@code cloud-run-api}, {@code resource-manager-api}</td><td>Google API base URLs (https, or http on
 *       loopback)</td><td>{@link #DEFAULT_CLOUD_RUN_API}, {@link #DEFAULT_RESOURCE_MANAGER_API}</td></tr>
 *   <tr><td>{@code jwks-uri}</td><td>Google's JWK set; https, or http on loopback</td>
 *       <td>{@link #DEFAULT_JWKS_URI}</td></tr>
 *   <tr><td>{@code permission}</td><td>the permission a request needs</td><td>{@value #DEFAULT_PERMISSION}</td></tr>
 *   <tr><td>{@code mode}</td><td>{@code enforce} or {@code shadow}</td><td>{@code enforce}</td></tr>
 *   <tr><td>{@code allowed-clock-skew}</td><td>tolerance on exp/nbf/iat: {@code 30s}, {@code 500ms},
 *       {@code 2m}, ISO-8601 {@code PT30S}, or whole seconds; at most 300 s</td><td>60 s</td></tr>
 *   <tr><td>{@code firebase-project}</td><td>also accept Firebase / Identity Platform tokens of this
 *       project</td><td>unset</td></tr>
 *   <tr><td>{@code iap-audience}</td><td>also accept IAP's {@code x-goog-iap-jwt-assertion} for this
 *       audience ({@code /projects/...})</td><td>unset</td></tr>
 *   <tr><td>{@code firebase-keys-uri}, {@code iap-keys-uri}</td><td>the Firebase certificates and IAP's JWK
 *       set (a mirror, or a local issuer); https, or http on loopback</td><td>{@link
 *       #DEFAULT_FIREBASE_KEYS_URI}, {@link #DEFAULT_IAP_KEYS_URI}</td></tr>
 *   <tr><td>{@code firebase-tenants}</td><td>Identity Platform tenants whose users are accepted, comma-separated;
 *       {@value dev.invokerguard.token.FirebaseTenants#PROJECT} also accepts the project's own users (see
 *       {@link FirebaseTenants})</td><td>the project's own users only</td></tr>
 *   <tr><td>{@code firebase-anonymous}</td><td>what an anonymous Firebase sign-in matches: {@code uid-only} or
 *       {@code authenticated} (see {@link FirebaseAnonymousUsers})</td><td>{@code uid-only}</td></tr>
 *   <tr><td>{@code preflight-paths}</td><td>path prefixes where CORS preflights pass without a token,
 *       comma-separated; {@code none} turns the exemption off</td><td>unset: every path</td></tr>
 *   <tr><td>{@code allow-path-parameters}</td><td>accept and strip {@code ;} path parameters instead of
 *       answering 400</td><td>{@code false}</td></tr>
 *   <tr><td>{@code deny-policy}</td><td>an IAM v2 deny policy location</td><td>unset</td></tr>
 *   <tr><td>{@code custom-roles}</td><td>custom roles ({@code roles.get}/{@code roles.list} JSON or
 *       YAML)</td><td>unset</td></tr>
 *   <tr><td>{@code groups}</td><td>{@code cloud-identity}, {@code directory}, or static group memberships:
 *       a JSON or YAML object, group email to its members</td><td>unset</td></tr>
 *   <tr><td>{@code token-cache-size}</td><td>verified-token cache entries; 0 disables it</td>
 *       <td>{@value #DEFAULT_TOKEN_CACHE_SIZE}</td></tr>
 *   <tr><td>{@code policy-refresh-interval}</td><td>how often policy locations are checked for changes</td>
 *       <td>files 10 s, {@code cloudrun://} 60 s</td></tr>
 *   <tr><td>{@code last-known-good}</td><td>a file where the last good policy is kept, read at start-up
 *       when the policy source cannot be reached</td><td>unset</td></tr>
 *   <tr><td>{@code decision-log-format}</td><td>{@code json} (Cloud Logging lines on stdout) or
 *       {@code text}</td><td>json when {@code K_SERVICE} is set, else text</td></tr>
 *   <tr><td>{@code decision-log-sample-rate}</td><td>the fraction of allowed decisions logged; denials are
 *       always logged</td><td>{@value #DEFAULT_DECISION_LOG_SAMPLE_RATE}</td></tr>
 *   <tr><td>{@code cloud-identity-api}, {@code directory-api}</td><td>the APIs' base URLs; https, or http on
 *       loopback</td><td>Google's</td></tr>
 *   <tr><td>{@code group-member-ttl}, {@code group-non-member-ttl}</td><td>how long looked-up answers are
 *       cached</td><td>5 min, 1 min</td></tr>
 *   <tr><td>{@code group-cache-size}, {@code group-lookup-rate}</td><td>answers kept; API calls a second
 *       </td><td>{@value #DEFAULT_GROUP_CACHE_SIZE}, {@value #DEFAULT_GROUP_LOOKUP_RATE}</td></tr>
 *   <tr><td>{@code preinitialize}</td><td>whether adapters that support it warm up in the background while
 *       the application starts (skipped on a single processor)</td><td>{@value #DEFAULT_PREINITIALIZE}</td></tr>
 * </table>
 *
 * @param policy allow policy locations, project layers first, the service's last; empty only for a runtime
 *     given its own {@link dev.invokerguard.policy.source.PolicySource} ({@link GuardRuntime} refuses to
 *     start otherwise)
 * @param audiences accepted {@code aud} values, {@value #AUTO_AUDIENCES} among them to read the service's own;
 *     never empty
 * @param jwksUri where Google's ID token keys are published
 * @param permission the permission a request needs
 * @param mode whether decisions are enforced or only logged
 * @param allowedClockSkew tolerance on exp, nbf and iat
 * @param firebaseProject the Firebase project whose tokens are accepted, or {@code null}
 * @param iapAudience the IAP audience whose signed headers are accepted, or {@code null}
 * @param preflight where CORS preflights pass without a token
 * @param allowPathParameters whether {@code ;} path parameters are stripped instead of refused
 * @param denyPolicy a deny policy location, or {@code null}
 * @param customRoles a custom roles document location, or {@code null}
 * @param groups a static group memberships document location, or {@code null}
 * @param tokenCacheSize entries in the verified-token cache
 * @param policyRefreshInterval how often policy locations are checked for changes, or {@code null} for
 *     each source's default (files 10 s, Cloud Run 60 s)
 * @param lastKnownGood where the last good policy is saved and read at start-up when the source cannot be
 *     reached, or {@code null}
 * @param decisionLogSampleRate the fraction of allowed decisions logged (denials are always logged)
 * @param cloudIdentityApi the Cloud Identity Groups API's base URL, for {@code groups=cloud-identity}
 * @param directoryApi the Admin SDK Directory API's base URL, for {@code groups=directory}
 * @param groupMemberTtl how long a looked-up "member" answer is cached
 * @param groupNonMemberTtl how long a looked-up "not a member" answer is cached
 * @param groupCacheSize how many looked-up (group, member) answers are kept
 * @param groupLookupRate group lookup API calls a second at most
 * @param localPolicy the application's own policy layer (file or {@code classpath:}), or {@code null}
 * @param publicPaths path prefixes open to {@code allUsers} in the local layer; empty when none
 * @param cloudRunApi the Cloud Run Admin API base URL
 * @param resourceManagerApi the Resource Manager API base URL
 * @param decisionLogFormat {@code json} or {@code text}, or {@code null}: json on Cloud Run ({@code K_SERVICE}
 *     set), else text
 * @param firebaseKeysUri where the Firebase / Identity Platform signing certificates are published
 * @param iapKeysUri where IAP's signed-header keys are published
 * @param firebaseTenants the Identity Platform tenants whose tokens are accepted; anything but
 *     {@link FirebaseTenants#PROJECT_ONLY} needs {@code firebaseProject}
 * @param firebaseAnonymous what anonymous Firebase sign-ins match
 * @param preinitialize whether an adapter that supports it starts the background warm-up
 *     ({@link Preinitializer}); the guard itself works the same either way
 */
public record GuardSettings(
    List<String> policy,
    List<String> audiences,
    URI jwksUri,
    String permission,
    EnforcementMode mode,
    Duration allowedClockSkew,
    @Nullable String firebaseProject,
    @Nullable String iapAudience,
    PreflightSettings preflight,
    boolean allowPathParameters,
    @Nullable String denyPolicy,
    @Nullable String customRoles,
    @Nullable String groups,
    long tokenCacheSize,
    @Nullable Duration policyRefreshInterval,
    @Nullable Path lastKnownGood,
    double decisionLogSampleRate,
    URI cloudIdentityApi,
    URI directoryApi,
    Duration groupMemberTtl,
    Duration groupNonMemberTtl,
    long groupCacheSize,
    long groupLookupRate,
    @Nullable String localPolicy,
    List<String> publicPaths,
    URI cloudRunApi,
    URI resourceManagerApi,
    @Nullable String decisionLogFormat,
    URI firebaseKeysUri,
    URI iapKeysUri,
    FirebaseTenants firebaseTenants,
    FirebaseAnonymousUsers firebaseAnonymous,
    boolean preinitialize) {

  public static final URI DEFAULT_JWKS_URI = TokenFamily.GOOGLE_JWKS_URI;
  /** The default of {@code firebase-keys-uri}: Firebase's signing certificates. */
  public static final URI DEFAULT_FIREBASE_KEYS_URI = TokenFamily.FIREBASE_CERTS_URI;
  /** The default of {@code iap-keys-uri}: IAP's JWK set. */
  public static final URI DEFAULT_IAP_KEYS_URI = TokenFamily.IAP_JWKS_URI;
  /** The default of {@code firebase-anonymous}: an anonymous sign-in matches only its own UID member. */
  public static final FirebaseAnonymousUsers DEFAULT_FIREBASE_ANONYMOUS = FirebaseAnonymousUsers.UID_ONLY;
  /** The {@code audiences} value that reads the service's URLs and custom audiences from Cloud Run. */
  public static final String AUTO_AUDIENCES = "auto";
  public static final URI DEFAULT_CLOUD_RUN_API = URI.create("https://run.googleapis.com");
  public static final URI DEFAULT_RESOURCE_MANAGER_API = URI.create("https://cloudresourcemanager.googleapis.com");
  public static final String DEFAULT_PERMISSION = PolicyLoader.DEFAULT_PERMISSION;
  public static final EnforcementMode DEFAULT_MODE = EnforcementMode.ENFORCE;
  public static final double DEFAULT_DECISION_LOG_SAMPLE_RATE = DecisionLog.DEFAULT_ALLOWED_SAMPLE_RATE;
  public static final Duration DEFAULT_ALLOWED_CLOCK_SKEW = GoogleIdTokenVerifier.DEFAULT_ALLOWED_CLOCK_SKEW;
  public static final PreflightSettings DEFAULT_PREFLIGHT = PreflightSettings.allPaths();
  public static final boolean DEFAULT_ALLOW_PATH_PARAMETERS = false;
  /** The default of {@code preinitialize}: the adapters that can warm up in the background do. */
  public static final boolean DEFAULT_PREINITIALIZE = true;
  public static final long DEFAULT_TOKEN_CACHE_SIZE = GoogleIdTokenVerifier.DEFAULT_VERIFIED_TOKEN_CACHE_SIZE;
  /** {@code invokerguard.groups} asking the Cloud Identity Groups API. */
  public static final String GROUPS_CLOUD_IDENTITY = "cloud-identity";
  /** {@code invokerguard.groups} asking the Admin SDK Directory API. */
  public static final String GROUPS_DIRECTORY = "directory";
  public static final URI DEFAULT_CLOUD_IDENTITY_API = URI.create(MembershipLookup.CLOUD_IDENTITY_API);
  public static final URI DEFAULT_DIRECTORY_API = URI.create(MembershipLookup.DIRECTORY_API);
  public static final Duration DEFAULT_GROUP_MEMBER_TTL = GroupLookupLimits.DEFAULT_MEMBER_TTL;
  public static final Duration DEFAULT_GROUP_NON_MEMBER_TTL = GroupLookupLimits.DEFAULT_NON_MEMBER_TTL;
  public static final long DEFAULT_GROUP_CACHE_SIZE = GroupLookupLimits.DEFAULT_MAX_ENTRIES;
  public static final long DEFAULT_GROUP_LOOKUP_RATE = (long) GroupLookupLimits.DEFAULT_CALLS_PER_SECOND;


  public GuardSettings {
    // Empty only for a runtime given its own PolicySource: GuardRuntime.Builder.start() requires one or the other.
    policy = policy == null || policy.isEmpty() ? List.of() : SettingChecks.locations(SettingKey.POLICY, policy);
    audiences = SettingChecks.audiences(audiences, policy.isEmpty() ? null : policy.get(policy.size() - 1));
    SettingChecks.keysUri(SettingKey.JWKS_URI, jwksUri);
    SettingChecks.keysUri(SettingKey.FIREBASE_KEYS_URI, firebaseKeysUri);
    SettingChecks.keysUri(SettingKey.IAP_KEYS_URI, iapKeysUri);
    SettingChecks.firebaseTenants(firebaseTenants, firebaseProject);
    SettingChecks.notNull(SettingKey.FIREBASE_ANONYMOUS, firebaseAnonymous);
    SettingChecks.permission(permission);
    SettingChecks.notNull(SettingKey.MODE, mode);
    SettingChecks.clockSkew(allowedClockSkew);
    SettingChecks.firebaseProject(firebaseProject);
    SettingChecks.iapAudience(iapAudience);
    SettingChecks.notNull(SettingKey.PREFLIGHT_PATHS, preflight);
    SettingChecks.optionalLocation(SettingKey.DENY_POLICY, denyPolicy);
    SettingChecks.optionalLocation(SettingKey.CUSTOM_ROLES, customRoles);
    SettingChecks.optionalLocation(SettingKey.GROUPS, groups);
    SettingChecks.tokenCacheSize(tokenCacheSize);
    SettingChecks.refreshInterval(policyRefreshInterval);
    SettingChecks.sampleRate(decisionLogSampleRate);
    SettingChecks.apiBase(SettingKey.CLOUD_IDENTITY_API, cloudIdentityApi);
    SettingChecks.apiBase(SettingKey.DIRECTORY_API, directoryApi);
    SettingChecks.positive(SettingKey.GROUP_MEMBER_TTL, groupMemberTtl);
    SettingChecks.positive(SettingKey.GROUP_NON_MEMBER_TTL, groupNonMemberTtl);
    SettingChecks.positive(SettingKey.GROUP_CACHE_SIZE, groupCacheSize);
    SettingChecks.positive(SettingKey.GROUP_LOOKUP_RATE, groupLookupRate);
    SettingChecks.localPolicy(localPolicy);
    publicPaths = SettingChecks.publicPaths(publicPaths);
    SettingChecks.apiBase(SettingKey.CLOUD_RUN_API, cloudRunApi);
    SettingChecks.apiBase(SettingKey.RESOURCE_MANAGER_API, resourceManagerApi);
    SettingChecks.decisionLogFormat(decisionLogFormat);
  }

  /** Whether {@code group:} members are looked up one group at a time through a Google API. */
  public boolean looksUpGroups() {
    return GROUPS_CLOUD_IDENTITY.equals(groups) || GROUPS_DIRECTORY.equals(groups);
  }

  /** Whether the service's own audiences are read from Cloud Run ({@value #AUTO_AUDIENCES}). */
  public boolean autoAudiences() {
    return audiences.contains(AUTO_AUDIENCES);
  }

  /** The audiences given as values (without {@value #AUTO_AUDIENCES}); possibly empty when auto. */
  public List<String> explicitAudiences() {
    return audiences.stream().filter(a -> !a.equals(AUTO_AUDIENCES)).toList();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Reads the {@code INVOKERGUARD_*} variables of the process environment. */
  public static GuardSettings fromEnvironment() {
    return fromEnvironment(System.getenv());
  }

  /**
   * Reads {@code INVOKERGUARD_*} variables. A variable with that prefix that names no setting is an error
   * (a misspelt setting must not silently fall back to its default); blank values count as unset.
   */
  public static GuardSettings fromEnvironment(Map<String, String> environment) {
    return SettingsReader.fromEnvironment(environment);
  }

  /**
   * Reads {@code invokerguard.*} properties through a lookup (servlet init parameters, a framework's
   * configuration); {@code null} or blank values count as unset.
   */
  public static GuardSettings fromProperties(Function<String, @Nullable String> lookup) {
    Objects.requireNonNull(lookup, "lookup");
    return SettingsReader.read(setting -> lookup.apply(setting.property()));
  }

  /**
   * Reads {@code invokerguard.*} properties from a map; a key with that prefix that names no setting is an
   * error. Other keys are ignored.
   */
  public static GuardSettings fromProperties(Map<String, String> properties) {
    return SettingsReader.fromProperties(properties);
  }

  /** Builds {@link GuardSettings}; {@link #build()} validates. */
  public static final class Builder {
    private List<String> policy = List.of();
    private List<String> audiences = List.of();
    private URI jwksUri = DEFAULT_JWKS_URI;
    private String permission = DEFAULT_PERMISSION;
    private EnforcementMode mode = DEFAULT_MODE;
    private Duration allowedClockSkew = DEFAULT_ALLOWED_CLOCK_SKEW;
    private String firebaseProject;
    private String iapAudience;
    private PreflightSettings preflight = DEFAULT_PREFLIGHT;
    private boolean allowPathParameters = DEFAULT_ALLOW_PATH_PARAMETERS;
    private String denyPolicy;
    private String customRoles;
    private String groups;
    private long tokenCacheSize = DEFAULT_TOKEN_CACHE_SIZE;
    private Duration policyRefreshInterval;
    private Path lastKnownGood;
    private double decisionLogSampleRate = DEFAULT_DECISION_LOG_SAMPLE_RATE;
    private URI cloudIdentityApi = DEFAULT_CLOUD_IDENTITY_API;
    private URI directoryApi = DEFAULT_DIRECTORY_API;
    private Duration groupMemberTtl = DEFAULT_GROUP_MEMBER_TTL;
    private Duration groupNonMemberTtl = DEFAULT_GROUP_NON_MEMBER_TTL;
    private long groupCacheSize = DEFAULT_GROUP_CACHE_SIZE;
    private long groupLookupRate = DEFAULT_GROUP_LOOKUP_RATE;
    private String localPolicy;
    private List<String> publicPaths = List.of();
    private URI cloudRunApi = DEFAULT_CLOUD_RUN_API;
    private URI resourceManagerApi = DEFAULT_RESOURCE_MANAGER_API;
    private String decisionLogFormat;
    private URI firebaseKeysUri = DEFAULT_FIREBASE_KEYS_URI;
    private URI iapKeysUri = DEFAULT_IAP_KEYS_URI;
    private FirebaseTenants firebaseTenants = FirebaseTenants.PROJECT_ONLY;
    private FirebaseAnonymousUsers firebaseAnonymous = DEFAULT_FIREBASE_ANONYMOUS;
    private boolean preinitialize = DEFAULT_PREINITIALIZE;

    private Builder() {}

    /**
     * Allow policy locations: project layers first, the service's policy last (required, unless the runtime is
     * given a {@link dev.invokerguard.policy.source.PolicySource}).
     */
    public Builder policy(String... locations) {
      return policy(List.of(locations));
    }

    public Builder policy(List<String> locations) {
      this.policy = locations;
      return this;
    }

    /** Accepted {@code aud} values (required). */
    public Builder audiences(String... values) {
      return audiences(List.of(values));
    }

    public Builder audiences(List<String> values) {
      this.audiences = values;
      return this;
    }

    public Builder jwksUri(URI value) {
      this.jwksUri = value;
      return this;
    }

    /** Where Firebase / Identity Platform signing certificates are read (a mirror, or a local issuer). */
    public Builder firebaseKeysUri(URI value) {
      this.firebaseKeysUri = value;
      return this;
    }

    /** Where IAP's signed-header keys are read (a mirror, or a local issuer). */
    public Builder iapKeysUri(URI value) {
      this.iapKeysUri = value;
      return this;
    }

    /** The Identity Platform tenants whose tokens are accepted (default: the project's own users only). */
    public Builder firebaseTenants(FirebaseTenants value) {
      this.firebaseTenants = value;
      return this;
    }

    /** What anonymous Firebase sign-ins match (default {@link FirebaseAnonymousUsers#UID_ONLY}). */
    public Builder firebaseAnonymous(FirebaseAnonymousUsers value) {
      this.firebaseAnonymous = value;
      return this;
    }

    public Builder permission(String value) {
      this.permission = value;
      return this;
    }

    public Builder mode(EnforcementMode value) {
      this.mode = value;
      return this;
    }

    public Builder allowedClockSkew(Duration value) {
      this.allowedClockSkew = value;
      return this;
    }

    public Builder firebaseProject(String value) {
      this.firebaseProject = value;
      return this;
    }

    public Builder iapAudience(String value) {
      this.iapAudience = value;
      return this;
    }

    public Builder preflight(PreflightSettings value) {
      this.preflight = value;
      return this;
    }

    public Builder allowPathParameters(boolean value) {
      this.allowPathParameters = value;
      return this;
    }

    /**
     * Whether adapters that support it start the background warm-up ({@link Preinitializer}) while the
     * application starts; default {@value #DEFAULT_PREINITIALIZE}.
     */
    public Builder preinitialize(boolean value) {
      this.preinitialize = value;
      return this;
    }

    public Builder denyPolicy(String location) {
      this.denyPolicy = location;
      return this;
    }

    public Builder customRoles(String location) {
      this.customRoles = location;
      return this;
    }

    /** {@code cloud-identity}, {@code directory}, or a static memberships document location. */
    public Builder groups(String location) {
      this.groups = location;
      return this;
    }

    /** The Cloud Identity Groups API's base URL (a local fake in tests). */
    public Builder cloudIdentityApi(URI value) {
      this.cloudIdentityApi = value;
      return this;
    }

    /** The Admin SDK Directory API's base URL (a local fake in tests). */
    public Builder directoryApi(URI value) {
      this.directoryApi = value;
      return this;
    }

    /** How long a looked-up "member" answer is cached. */
    public Builder groupMemberTtl(Duration value) {
      this.groupMemberTtl = value;
      return this;
    }

    /** How long a looked-up "not a member" answer is cached. */
    public Builder groupNonMemberTtl(Duration value) {
      this.groupNonMemberTtl = value;
      return this;
    }

    /** How many looked-up (group, member) answers are kept. */
    public Builder groupCacheSize(long value) {
      this.groupCacheSize = value;
      return this;
    }

    /** Group lookup API calls a second at most. */
    public Builder groupLookupRate(long value) {
      this.groupLookupRate = value;
      return this;
    }

    public Builder tokenCacheSize(long value) {
      this.tokenCacheSize = value;
      return this;
    }

    /** How often policy locations are checked for changes (default: files 10 s, Cloud Run 60 s). */
    public Builder policyRefreshInterval(Duration value) {
      this.policyRefreshInterval = value;
      return this;
    }

    /** A file for the last good policy, read at start-up when the source cannot be reached. */
    public Builder lastKnownGood(Path value) {
      this.lastKnownGood = value;
      return this;
    }

    /** The fraction of allowed decisions logged (0 to 1); denials are always logged. */
    public Builder decisionLogSampleRate(double value) {
      this.decisionLogSampleRate = value;
      return this;
    }

    /** The application's own policy layer: a file path, {@code file:} or {@code classpath:} location. */
    public Builder localPolicy(String location) {
      this.localPolicy = location;
      return this;
    }

    /** Path prefixes open to everyone ({@code allUsers} in the local layer). */
    public Builder publicPaths(String... prefixes) {
      return publicPaths(List.of(prefixes));
    }

    public Builder publicPaths(List<String> prefixes) {
      this.publicPaths = prefixes;
      return this;
    }

    /** The Cloud Run Admin API base URL (a Private Service Connect endpoint, or a local fake). */
    public Builder cloudRunApi(URI value) {
      this.cloudRunApi = value;
      return this;
    }

    /** The Resource Manager API base URL. */
    public Builder resourceManagerApi(URI value) {
      this.resourceManagerApi = value;
      return this;
    }

    /** {@code json} (Cloud Logging lines on stdout) or {@code text}; default json when {@code K_SERVICE} is set. */
    public Builder decisionLogFormat(String value) {
      this.decisionLogFormat = value;
      return this;
    }

    public GuardSettings build() {
      return new GuardSettings(policy, audiences, jwksUri, permission, mode, allowedClockSkew,
          firebaseProject, iapAudience, preflight, allowPathParameters, denyPolicy, customRoles, groups,
          tokenCacheSize, policyRefreshInterval, lastKnownGood, decisionLogSampleRate, cloudIdentityApi,
          directoryApi, groupMemberTtl, groupNonMemberTtl, groupCacheSize, groupLookupRate, localPolicy,
          publicPaths, cloudRunApi, resourceManagerApi, decisionLogFormat, firebaseKeysUri, iapKeysUri,
          firebaseTenants, firebaseAnonymous, preinitialize);
    }
  }
}
