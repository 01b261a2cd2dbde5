package dev.invokerguard.micronaut;

import dev.invokerguard.runtime.GuardSettings;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code invokerguard.*} settings of a Micronaut application: the same keys, values and defaults as every
 * other InvokerGuard adapter (DESIGN.md, "Configuration"), read from {@code application.yml}, system
 * properties or the environment. Micronaut maps an environment variable such as
 * {@code INVOKERGUARD_TOKEN_CACHE_SIZE} to {@code invokerguard.token-cache-size}.
 *
 * <p>Values are kept as the text the application wrote and are parsed and validated by the core
 * ({@link GuardSettings#fromProperties(Map)}) when the guard starts, so that {@code 30s}, {@code none} or
 * {@code cloudrun://...} mean exactly what they mean for the servlet filter and the CLI, and a bad value
 * stops start-up with a message naming the property in both forms
 * ({@code invokerguard.audiences (INVOKERGUARD_AUDIENCES) is required: ...}).
 *
 * <pre>{@code
 * invokerguard:
 *   policy: cloudrun://projects/my-project/locations/europe-west1/services/hello
 *   audiences: https://hello-abc123-ew.a.run.app
 * }</pre>
 */
@ConfigurationProperties(InvokerGuardConfiguration.PREFIX)
public class InvokerGuardConfiguration {
  /** The prefix of every setting. */
  public static final String PREFIX = "invokerguard";
  /** {@code invokerguard.enabled}: {@code false} removes the filter, the guard and every InvokerGuard bean. */
  public static final String ENABLED_PROPERTY = PREFIX + ".enabled";
  /** The default of {@code invokerguard.enabled}. */
  public static final boolean DEFAULT_ENABLED = true;
  /** The default of {@code invokerguard.cloud-run-api}: the Cloud Run Admin API. */
  public static final String DEFAULT_CLOUD_RUN_API = GuardSettings.DEFAULT_CLOUD_RUN_API.toString();
  /** The default of {@code invokerguard.resource-manager-api}: the Resource Manager API. */
  public static final String DEFAULT_RESOURCE_MANAGER_API = GuardSettings.DEFAULT_RESOURCE_MANAGER_API.toString();
  /** The default of {@code invokerguard.cloud-identity-api}. */
  public static final String DEFAULT_CLOUD_IDENTITY_API = GuardSettings.DEFAULT_CLOUD_IDENTITY_API.toString();
  /** The default of {@code invokerguard.directory-api}. */
  public static final String DEFAULT_DIRECTORY_API = GuardSettings.DEFAULT_DIRECTORY_API.toString();
  /** The default of {@code invokerguard.group-member-ttl}. */
  public static final String DEFAULT_GROUP_MEMBER_TTL = GuardSettings.DEFAULT_GROUP_MEMBER_TTL.toSeconds() + "s";
  /** The default of {@code invokerguard.group-non-member-ttl}. */
  public static final String DEFAULT_GROUP_NON_MEMBER_TTL =
      GuardSettings.DEFAULT_GROUP_NON_MEMBER_TTL.toSeconds() + "s";
  /** The default of {@code invokerguard.group-cache-size}. */
  public static final String DEFAULT_GROUP_CACHE_SIZE = Long.toString(GuardSettings.DEFAULT_GROUP_CACHE_SIZE);
  /** The default of {@code invokerguard.group-lookup-rate}. */
  public static final String DEFAULT_GROUP_LOOKUP_RATE = Long.toString(GuardSettings.DEFAULT_GROUP_LOOKUP_RATE);
  /** The default of {@code invokerguard.jwks-uri}: Google's ID token signing keys. */
  public static final String DEFAULT_JWKS_URI = GuardSettings.DEFAULT_JWKS_URI.toString();
  /** The default of {@code invokerguard.firebase-keys-uri}: Firebase's signing certificates. */
  public static final String DEFAULT_FIREBASE_KEYS_URI = GuardSettings.DEFAULT_FIREBASE_KEYS_URI.toString();
  /** The default of {@code invokerguard.iap-keys-uri}: IAP's JWK set. */
  public static final String DEFAULT_IAP_KEYS_URI = GuardSettings.DEFAULT_IAP_KEYS_URI.toString();
  /** The default of {@code invokerguard.firebase-anonymous}: an anonymous sign-in matches only its UID member. */
  public static final String DEFAULT_FIREBASE_ANONYMOUS = GuardSettings.DEFAULT_FIREBASE_ANONYMOUS.word();
  /** The default of {@code invokerguard.permission}. */
  public static final String DEFAULT_PERMISSION = GuardSettings.DEFAULT_PERMISSION;
  /** The default of {@code invokerguard.mode}. */
  public static final String DEFAULT_MODE = "enforce";
  /** The default of {@code invokerguard.allowed-clock-skew}. */
  public static final String DEFAULT_ALLOWED_CLOCK_SKEW =
      GuardSettings.DEFAULT_ALLOWED_CLOCK_SKEW.toSeconds() + "s";
  /** The default of {@code invokerguard.allow-path-parameters}. */
  public static final String DEFAULT_ALLOW_PATH_PARAMETERS =
      Boolean.toString(GuardSettings.DEFAULT_ALLOW_PATH_PARAMETERS);
  /** The default of {@code invokerguard.token-cache-size}. */
  public static final String DEFAULT_TOKEN_CACHE_SIZE = Long.toString(GuardSettings.DEFAULT_TOKEN_CACHE_SIZE);
  /** The default of {@code invokerguard.decision-log-sample-rate}. */
  public static final String DEFAULT_DECISION_LOG_SAMPLE_RATE =
      Double.toString(GuardSettings.DEFAULT_DECISION_LOG_SAMPLE_RATE);
  /** The default of {@code invokerguard.preinitialize}. */
  public static final String DEFAULT_PREINITIALIZE = Boolean.toString(GuardSettings.DEFAULT_PREINITIALIZE);

  private boolean enabled = DEFAULT_ENABLED;
  private List<String> policy;
  private String localPolicy;
  private List<String> publicPaths;
  private List<String> audiences;
  private String cloudRunApi = DEFAULT_CLOUD_RUN_API;
  private String resourceManagerApi = DEFAULT_RESOURCE_MANAGER_API;
  private String jwksUri = DEFAULT_JWKS_URI;
  private String permission = DEFAULT_PERMISSION;
  private String mode = DEFAULT_MODE;
  private String allowedClockSkew = DEFAULT_ALLOWED_CLOCK_SKEW;
  private String firebaseProject;
  private String iapAudience;
  private String firebaseKeysUri = DEFAULT_FIREBASE_KEYS_URI;
  private String iapKeysUri = DEFAULT_IAP_KEYS_URI;
  private List<String> firebaseTenants;
  private String firebaseAnonymous = DEFAULT_FIREBASE_ANONYMOUS;
  private List<String> preflightPaths;
  private String allowPathParameters = DEFAULT_ALLOW_PATH_PARAMETERS;
  private String denyPolicy;
  private String customRoles;
  private String groups;
  private String cloudIdentityApi = DEFAULT_CLOUD_IDENTITY_API;
  private String directoryApi = DEFAULT_DIRECTORY_API;
  private String groupMemberTtl = DEFAULT_GROUP_MEMBER_TTL;
  private String groupNonMemberTtl = DEFAULT_GROUP_NON_MEMBER_TTL;
  private String groupCacheSize = DEFAULT_GROUP_CACHE_SIZE;
  private String groupLookupRate = DEFAULT_GROUP_LOOKUP_RATE;
  private String tokenCacheSize = DEFAULT_TOKEN_CACHE_SIZE;
  private String policyRefreshInterval;
  private String lastKnownGood;
  private String decisionLogSampleRate = DEFAULT_DECISION_LOG_SAMPLE_RATE;
  private String decisionLogFormat;
  private String preinitialize = DEFAULT_PREINITIALIZE;

  /**
   * Parses and validates every value with the core's rules.
   *
   * @throws dev.invokerguard.InvokerGuardConfigurationException naming the property of a missing or bad value
   */
  public GuardSettings toSettings() {
    return GuardSettings.fromProperties(toProperties());
  }

  /** The settings as {@code invokerguard.some-name} to text, unset ones left out. */
  public Map<String, String> toProperties() {
    Map<String, String> out = new LinkedHashMap<>();
    put(out, "policy", join(policy));
    put(out, "local-policy", localPolicy);
    put(out, "public-paths", join(publicPaths));
    put(out, "audiences", join(audiences));
    put(out, "cloud-run-api", cloudRunApi);
    put(out, "resource-manager-api", resourceManagerApi);
    put(out, "jwks-uri", jwksUri);
    put(out, "permission", permission);
    put(out, "mode", mode);
    put(out, "allowed-clock-skew", allowedClockSkew);
    put(out, "firebase-project", firebaseProject);
    put(out, "iap-audience", iapAudience);
    put(out, "firebase-keys-uri", firebaseKeysUri);
    put(out, "iap-keys-uri", iapKeysUri);
    put(out, "firebase-tenants", join(firebaseTenants));
    put(out, "firebase-anonymous", firebaseAnonymous);
    put(out, "preflight-paths", join(preflightPaths));
    put(out, "allow-path-parameters", allowPathParameters);
    put(out, "deny-policy", denyPolicy);
    put(out, "custom-roles", customRoles);
    put(out, "groups", groups);
    put(out, "cloud-identity-api", cloudIdentityApi);
    put(out, "directory-api", directoryApi);
    put(out, "group-member-ttl", groupMemberTtl);
    put(out, "group-non-member-ttl", groupNonMemberTtl);
    put(out, "group-cache-size", groupCacheSize);
    put(out, "group-lookup-rate", groupLookupRate);
    put(out, "token-cache-size", tokenCacheSize);
    put(out, "policy-refresh-interval", policyRefreshInterval);
    put(out, "last-known-good", lastKnownGood);
    put(out, "decision-log-sample-rate", decisionLogSampleRate);
    put(out, "decision-log-format", decisionLogFormat);
    put(out, "preinitialize", preinitialize);
    return out;
  }

  private static void put(Map<String, String> out, String name, String value) {
    if (value != null) {
      out.put(PREFIX + "." + name, value);
    }
  }

  private static String join(List<String> values) {
    return values == null ? null : String.join(",", values);
  }

  /** Whether InvokerGuard is on ({@code invokerguard.enabled}, default {@value #DEFAULT_ENABLED}). */
  public boolean isEnabled() {
    return enabled;
  }

  /** @param enabled {@code false} to run the application without the invoker check */
  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  /**
   * Allow policy locations ({@code invokerguard.policy}, required unless the application defines a
   * {@link dev.invokerguard.policy.source.PolicySource} bean): a file path, {@code file:},
   * {@code classpath:} (JSON or YAML), {@code cloudrun://projects/P/locations/L/services/S} or
   * {@code cloudrun://projects/P}. With several, all but the last are project-level layers and the last is
   * the service's policy.
   */
  public @Nullable List<String> getPolicy() {
    return policy;
  }

  /** @param policy allow policy locations, project layers first, the service's last */
  public void setPolicy(@Nullable List<String> policy) {
    this.policy = policy;
  }

  /**
   * The application's own policy layer, a file or {@code classpath:} location evaluated with the service's
   * policy ({@code invokerguard.local-policy}); it may open paths to {@code allUsers} under conditions.
   */
  public @Nullable String getLocalPolicy() {
    return localPolicy;
  }

  /** @param localPolicy a file or {@code classpath:} location, or {@code null} */
  public void setLocalPolicy(@Nullable String localPolicy) {
    this.localPolicy = localPolicy;
  }

  /**
   * Path prefixes open to everyone, {@code allUsers} in the local layer ({@code invokerguard.public-paths}):
   * {@code /public/,/healthz}.
   */
  public @Nullable List<String> getPublicPaths() {
    return publicPaths;
  }

  /** @param publicPaths path prefixes, or {@code null} */
  public void setPublicPaths(@Nullable List<String> publicPaths) {
    this.publicPaths = publicPaths;
  }

  /**
   * Accepted {@code aud} values ({@code invokerguard.audiences}): the service URLs, custom audiences;
   * {@code auto} reads them from Cloud Run for a {@code cloudrun://} service policy, otherwise required.
   */
  public @Nullable List<String> getAudiences() {
    return audiences;
  }

  /** @param audiences accepted {@code aud} values */
  public void setAudiences(@Nullable List<String> audiences) {
    this.audiences = audiences;
  }

  /**
   * The Cloud Run Admin API base URL ({@code invokerguard.cloud-run-api}; a Private Service Connect endpoint;
   * https, or http on loopback); default {@link #DEFAULT_CLOUD_RUN_API}.
   */
  public String getCloudRunApi() {
    return cloudRunApi;
  }

  /** @param cloudRunApi the Cloud Run Admin API base URL */
  public void setCloudRunApi(String cloudRunApi) {
    this.cloudRunApi = cloudRunApi;
  }

  /**
   * The Resource Manager API base URL ({@code invokerguard.resource-manager-api}; https, or http on loopback);
   * default {@link #DEFAULT_RESOURCE_MANAGER_API}.
   */
  public String getResourceManagerApi() {
    return resourceManagerApi;
  }

  /** @param resourceManagerApi the Resource Manager API base URL */
  public void setResourceManagerApi(String resourceManagerApi) {
    this.resourceManagerApi = resourceManagerApi;
  }

  /** Google's JWK set ({@code invokerguard.jwks-uri}; https, or http on loopback); default Google's. */
  public String getJwksUri() {
    return jwksUri;
  }

  /** @param jwksUri where Google's ID token keys are published */
  public void setJwksUri(String jwksUri) {
    this.jwksUri = jwksUri;
  }

  /**
   * Firebase / Identity Platform signing certificates ({@code invokerguard.firebase-keys-uri}; https, or http
   * on loopback); default {@link #DEFAULT_FIREBASE_KEYS_URI}.
   */
  public String getFirebaseKeysUri() {
    return firebaseKeysUri;
  }

  /** @param firebaseKeysUri where Firebase's signing certificates are read (a mirror, or a local issuer) */
  public void setFirebaseKeysUri(String firebaseKeysUri) {
    this.firebaseKeysUri = firebaseKeysUri;
  }

  /**
   * IAP's JWK set ({@code invokerguard.iap-keys-uri}; https, or http on loopback); default
   * {@link #DEFAULT_IAP_KEYS_URI}.
   */
  public String getIapKeysUri() {
    return iapKeysUri;
  }

  /** @param iapKeysUri where IAP's signed-header keys are read (a mirror, or a local issuer) */
  public void setIapKeysUri(String iapKeysUri) {
    this.iapKeysUri = iapKeysUri;
  }

  /**
   * Identity Platform tenants whose users are accepted ({@code invokerguard.firebase-tenants}, the token's
   * {@code firebase.tenant}); {@code project} also accepts the project's own users. Unset: the project's own
   * users only.
   */
  public @Nullable List<String> getFirebaseTenants() {
    return firebaseTenants;
  }

  /** @param firebaseTenants tenant ids, and {@code project} for the project's own users */
  public void setFirebaseTenants(@Nullable List<String> firebaseTenants) {
    this.firebaseTenants = firebaseTenants;
  }

  /**
   * What an anonymous Firebase sign-in matches ({@code invokerguard.firebase-anonymous}): {@code uid-only}
   * (its own UID member and {@code allUsers}) or {@code authenticated} (also {@code allAuthenticatedUsers});
   * default {@link #DEFAULT_FIREBASE_ANONYMOUS}.
   */
  public String getFirebaseAnonymous() {
    return firebaseAnonymous;
  }

  /** @param firebaseAnonymous {@code uid-only} or {@code authenticated} */
  public void setFirebaseAnonymous(String firebaseAnonymous) {
    this.firebaseAnonymous = firebaseAnonymous;
  }

  /** The permission a request needs ({@code invokerguard.permission}, default {@link #DEFAULT_PERMISSION}). */
  public String getPermission() {
    return permission;
  }

  /** @param permission the permission a request needs */
  public void setPermission(String permission) {
    this.permission = permission;
  }

  /** {@code enforce} or {@code shadow} ({@code invokerguard.mode}, default {@value #DEFAULT_MODE}). */
  public String getMode() {
    return mode;
  }

  /** @param mode {@code enforce}, or {@code shadow} to let every request pass and log what would be denied */
  public void setMode(String mode) {
    this.mode = mode;
  }

  /**
   * Tolerance on {@code exp}, {@code nbf} and {@code iat} ({@code invokerguard.allowed-clock-skew}):
   * {@code 30s}, {@code 500ms}, {@code 2m}, {@code PT30S}; at most 300 s; default
   * {@link #DEFAULT_ALLOWED_CLOCK_SKEW}.
   */
  public String getAllowedClockSkew() {
    return allowedClockSkew;
  }

  /** @param allowedClockSkew tolerance on exp, nbf and iat */
  public void setAllowedClockSkew(String allowedClockSkew) {
    this.allowedClockSkew = allowedClockSkew;
  }

  /** Also accept Firebase / Identity Platform tokens of this project ({@code invokerguard.firebase-project}). */
  public @Nullable String getFirebaseProject() {
    return firebaseProject;
  }

  /** @param firebaseProject the Firebase project id, or {@code null} */
  public void setFirebaseProject(@Nullable String firebaseProject) {
    this.firebaseProject = firebaseProject;
  }

  /** Also accept IAP's {@code x-goog-iap-jwt-assertion} for this audience ({@code invokerguard.iap-audience}). */
  public @Nullable String getIapAudience() {
    return iapAudience;
  }

  /** @param iapAudience the IAP audience ({@code /projects/...}), or {@code null} */
  public void setIapAudience(@Nullable String iapAudience) {
    this.iapAudience = iapAudience;
  }

  /**
   * Path prefixes where CORS preflights pass without a token ({@code invokerguard.preflight-paths});
   * {@code none} turns that off; unset: every path.
   */
  public @Nullable List<String> getPreflightPaths() {
    return preflightPaths;
  }

  /** @param preflightPaths path prefixes, or {@code none} */
  public void setPreflightPaths(@Nullable List<String> preflightPaths) {
    this.preflightPaths = preflightPaths;
  }

  /**
   * Strip {@code ;} path parameters instead of answering 400 ({@code invokerguard.allow-path-parameters},
   * {@code true} or {@code false}, default {@link #DEFAULT_ALLOW_PATH_PARAMETERS}).
   */
  public String getAllowPathParameters() {
    return allowPathParameters;
  }

  /** @param allowPathParameters {@code true} or {@code false} */
  public void setAllowPathParameters(String allowPathParameters) {
    this.allowPathParameters = allowPathParameters;
  }

  /** An IAM v2 deny policy location, applied with every allow policy ({@code invokerguard.deny-policy}). */
  public @Nullable String getDenyPolicy() {
    return denyPolicy;
  }

  /** @param denyPolicy a file or {@code classpath:} location, or {@code null} */
  public void setDenyPolicy(@Nullable String denyPolicy) {
    this.denyPolicy = denyPolicy;
  }

  /** Custom roles, {@code gcloud iam roles describe/list} JSON or YAML ({@code invokerguard.custom-roles}). */
  public @Nullable String getCustomRoles() {
    return customRoles;
  }

  /** @param customRoles a file or {@code classpath:} location, or {@code null} */
  public void setCustomRoles(@Nullable String customRoles) {
    this.customRoles = customRoles;
  }

  /**
   * How {@code group:} members are resolved ({@code invokerguard.groups}): {@code cloud-identity} (Cloud Identity
   * Groups API), {@code directory} (Admin SDK Directory API), or a static memberships file (a JSON/YAML object,
   * group email to members).
   */
  public @Nullable String getGroups() {
    return groups;
  }

  /** @param groups {@code cloud-identity}, {@code directory}, a file or {@code classpath:} location, or {@code null} */
  public void setGroups(@Nullable String groups) {
    this.groups = groups;
  }

  /** The Cloud Identity Groups API for {@code groups=cloud-identity} ({@code invokerguard.cloud-identity-api}). */
  public String getCloudIdentityApi() {
    return cloudIdentityApi;
  }

  /** @param cloudIdentityApi the API's base URL (https, or http on loopback) */
  public void setCloudIdentityApi(String cloudIdentityApi) {
    this.cloudIdentityApi = cloudIdentityApi;
  }

  /** The Admin SDK Directory API for {@code groups=directory} ({@code invokerguard.directory-api}). */
  public String getDirectoryApi() {
    return directoryApi;
  }

  /** @param directoryApi the API's base URL (https, or http on loopback) */
  public void setDirectoryApi(String directoryApi) {
    this.directoryApi = directoryApi;
  }

  /**
   * How long a looked-up "member" answer is cached, the delay before a removal from a group takes effect
   * ({@code invokerguard.group-member-ttl}, default {@link #DEFAULT_GROUP_MEMBER_TTL}).
   */
  public String getGroupMemberTtl() {
    return groupMemberTtl;
  }

  /** @param groupMemberTtl a duration such as {@code 5m} */
  public void setGroupMemberTtl(String groupMemberTtl) {
    this.groupMemberTtl = groupMemberTtl;
  }

  /**
   * How long a looked-up "not a member" answer is cached, the delay before an addition takes effect
   * ({@code invokerguard.group-non-member-ttl}, default {@link #DEFAULT_GROUP_NON_MEMBER_TTL}).
   */
  public String getGroupNonMemberTtl() {
    return groupNonMemberTtl;
  }

  /** @param groupNonMemberTtl a duration such as {@code 1m} */
  public void setGroupNonMemberTtl(String groupNonMemberTtl) {
    this.groupNonMemberTtl = groupNonMemberTtl;
  }

  /** Looked-up (group, member) answers kept ({@code invokerguard.group-cache-size}). */
  public String getGroupCacheSize() {
    return groupCacheSize;
  }

  /** @param groupCacheSize a whole number of answers */
  public void setGroupCacheSize(String groupCacheSize) {
    this.groupCacheSize = groupCacheSize;
  }

  /**
   * Group lookup API calls a second at most; beyond it a group binding does not grant
   * ({@code invokerguard.group-lookup-rate}).
   */
  public String getGroupLookupRate() {
    return groupLookupRate;
  }

  /** @param groupLookupRate a whole number of calls a second */
  public void setGroupLookupRate(String groupLookupRate) {
    this.groupLookupRate = groupLookupRate;
  }

  /**
   * Verified-token cache entries ({@code invokerguard.token-cache-size}; 0 disables it; default
   * {@link #DEFAULT_TOKEN_CACHE_SIZE}).
   */
  public String getTokenCacheSize() {
    return tokenCacheSize;
  }

  /** @param tokenCacheSize a whole number of entries */
  public void setTokenCacheSize(String tokenCacheSize) {
    this.tokenCacheSize = tokenCacheSize;
  }

  /**
   * How often policy locations are checked for changes ({@code invokerguard.policy-refresh-interval});
   * unset: files every 10 s, {@code cloudrun://} every 60 s.
   */
  public @Nullable String getPolicyRefreshInterval() {
    return policyRefreshInterval;
  }

  /** @param policyRefreshInterval a duration such as {@code 30s}, or {@code null} */
  public void setPolicyRefreshInterval(@Nullable String policyRefreshInterval) {
    this.policyRefreshInterval = policyRefreshInterval;
  }

  /**
   * A file where the last good policy is kept, read at start-up when the source cannot be reached
   * ({@code invokerguard.last-known-good}).
   */
  public @Nullable String getLastKnownGood() {
    return lastKnownGood;
  }

  /** @param lastKnownGood a file path, or {@code null} */
  public void setLastKnownGood(@Nullable String lastKnownGood) {
    this.lastKnownGood = lastKnownGood;
  }

  /**
   * Fraction (0 to 1) of allowed decisions written to the decision log; denials are always logged
   * ({@code invokerguard.decision-log-sample-rate}, default {@link #DEFAULT_DECISION_LOG_SAMPLE_RATE}).
   */
  public String getDecisionLogSampleRate() {
    return decisionLogSampleRate;
  }

  /** @param decisionLogSampleRate a number between 0 and 1 */
  public void setDecisionLogSampleRate(String decisionLogSampleRate) {
    this.decisionLogSampleRate = decisionLogSampleRate;
  }

  /**
   * Where decisions are logged ({@code invokerguard.decision-log-format}): {@code json}, one Cloud Logging JSON
   * object per line on stdout, or {@code text}, the SLF4J logger {@code dev.invokerguard.decisions}; unset:
   * {@code json} on Cloud Run ({@code K_SERVICE} set), else {@code text}.
   */
  public @Nullable String getDecisionLogFormat() {
    return decisionLogFormat;
  }

  /** @param decisionLogFormat {@code json}, {@code text}, or {@code null} */
  public void setDecisionLogFormat(@Nullable String decisionLogFormat) {
    this.decisionLogFormat = decisionLogFormat;
  }

  /**
   * Whether the guard's classes and the JDK's signature services (and TLS, for an https key endpoint) are
   * warmed up on a background thread while the application starts ({@code invokerguard.preinitialize},
   * {@code true} or {@code false}, default {@link #DEFAULT_PREINITIALIZE}; skipped on a single processor). {@link InvokerGuardPreinitializer} reads it
   * before the configuration is loaded, so only a system property or {@code INVOKERGUARD_PREINITIALIZE} turns
   * the warm-up off; here it is validated with the other settings.
   */
  public String getPreinitialize() {
    return preinitialize;
  }

  /** @param preinitialize {@code true} or {@code false} */
  public void setPreinitialize(String preinitialize) {
    this.preinitialize = preinitialize;
  }
}
