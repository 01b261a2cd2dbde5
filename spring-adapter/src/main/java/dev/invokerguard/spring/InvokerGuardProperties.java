package dev.invokerguard.spring;

import dev.invokerguard.EnforcementMode;
import dev.invokerguard.runtime.GuardSettings;
import dev.invokerguard.spring.client.InvokerGuardClientProperties;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.convert.DurationUnit;

/**
 * The {@code invokerguard.*} properties: the settings vocabulary of DESIGN.md ("Configuration"), so that
 * {@code application.yml}, {@code application.properties} and the {@code INVOKERGUARD_*} environment
 * variables (through Spring Boot's relaxed binding) read the same keys as every other InvokerGuard
 * adapter. {@link #toSettings()} hands the values to the core, which validates them and names the setting
 * in both forms when one is wrong; a property under {@code invokerguard.} that names no setting fails
 * start-up too, as a misspelt setting must not silently fall back to its default. Defaults are the core's
 * ({@code GuardSettings.DEFAULT_*}; a test keeps them equal), written out so that the generated metadata
 * shows them.
 */
@ConfigurationProperties(prefix = "invokerguard", ignoreUnknownFields = false)
public class InvokerGuardProperties {

  /** Whether InvokerGuard checks requests at all; false turns the auto-configuration off. */
  private boolean enabled = true;

  /**
   * Whether InvokerGuard warms up its classes and the JDK's signature services (and TLS, for an https key
   * endpoint) on a background thread while the application starts (read when the environment is prepared;
   * skipped on a single processor); false turns that off.
   */
  private boolean preinitialize = true;

  /** Outbound ID tokens (invokerguard.client.*), read by the client auto-configuration; listed here so that
   *  they count as known properties. */
  @NestedConfigurationProperty
  private InvokerGuardClientProperties client = new InvokerGuardClientProperties();

  /**
   * Allow policy location(s): a file path, file:, classpath: (JSON or YAML, as
   * gcloud run services get-iam-policy prints it),
   * cloudrun://projects/P/locations/L/services/S or cloudrun://projects/P. With several,
   * all but the last are project-level layers and the last is the service's. Required, unless the
   * application defines a PolicySource bean (then it must be unset).
   */
  private List<String> policy;

  /**
   * The application's own policy layer (file or classpath:), evaluated with the service's policy; it may
   * open paths to allUsers under conditions.
   */
  private String localPolicy;

  /** Path prefixes open to everyone (allUsers in the local layer), e.g. /public/ and /healthz. */
  private List<String> publicPaths;

  /**
   * Accepted aud values of ID tokens: the service URL(s) and custom audiences; auto reads the service's URLs
   * and custom audiences from Cloud Run (auto,https://extra adds to them). Unset: auto with a cloudrun://
   * service policy, else required.
   */
  private List<String> audiences;

  /** Cloud Run Admin API base URL (a Private Service Connect endpoint; https, http only on loopback). */
  private URI cloudRunApi = GuardSettings.DEFAULT_CLOUD_RUN_API;

  /** Resource Manager API base URL (https, http only on loopback). */
  private URI resourceManagerApi = GuardSettings.DEFAULT_RESOURCE_MANAGER_API;

  /**
   * Google's JWK set of ID token signing keys (https; plain http only on loopback).
   */
  private URI jwksUri = GuardSettings.DEFAULT_JWKS_URI;

  /** The permission a request needs. */
  private String permission = "run.routes.invoke";

  /** Enforce decisions, or only log what enforce mode would decide (shadow: every request passes). */
  private EnforcementMode mode = EnforcementMode.ENFORCE;

  /**
   * Tolerance on the exp, nbf and iat claims, at most 300 s (a number without a unit is seconds).
   */
  @DurationUnit(ChronoUnit.SECONDS)
  private Duration allowedClockSkew = Duration.ofSeconds(60);

  /** Also accept Firebase Auth / Identity Platform ID tokens of this Google Cloud project. */
  private String firebaseProject;

  /** Also accept IAP's signed header x-goog-iap-jwt-assertion for this audience (/projects/NUMBER/...). */
  private String iapAudience;

  /**
   * Firebase / Identity Platform signing certificates, a JSON object from kid to PEM certificate (a mirror,
   * or a local issuer; https, plain http only on loopback).
   */
  private URI firebaseKeysUri = GuardSettings.DEFAULT_FIREBASE_KEYS_URI;

  /** IAP's JWK set of signed-header keys (a mirror, or a local issuer; https, plain http only on loopback). */
  private URI iapKeysUri = GuardSettings.DEFAULT_IAP_KEYS_URI;

  /**
   * Identity Platform tenants whose users are accepted (the token's firebase.tenant); project also accepts
   * the project's own users (tokens without a tenant). Unset: the project's own users only.
   */
  private List<String> firebaseTenants;

  /**
   * What an anonymous Firebase sign-in matches: uid-only (its own UID member and allUsers) or authenticated
   * (also allAuthenticatedUsers).
   */
  private String firebaseAnonymous = "uid-only";

  /**
   * Path prefixes where a CORS preflight passes without a token; none turns the exemption off.
   * Unset: every path.
   */
  private List<String> preflightPaths;

  /** Strip ; path parameters instead of answering 400. */
  private boolean allowPathParameters = false;

  /** An IAM v2 deny policy location (file or classpath:), applied with every allow policy. */
  private String denyPolicy;

  /** Custom roles (gcloud iam roles describe / list output, JSON or YAML) location. */
  private String customRoles;

  /**
   * How group: members are resolved: cloud-identity (the Cloud Identity Groups API), directory (the Admin
   * SDK Directory API), or a static memberships location (a JSON or YAML object from group email to its
   * members).
   */
  private String groups;

  /** Entries of the verified-token cache; 0 disables it. */
  private long tokenCacheSize = 10000;

  /**
   * How often policy locations are checked for changes (a number without a unit is seconds). Unset:
   * files every 10 s, cloudrun:// every 60 s.
   */
  @DurationUnit(ChronoUnit.SECONDS)
  private Duration policyRefreshInterval;

  /** A file where the last good policy is kept, read at start-up when the policy source cannot be reached. */
  private Path lastKnownGood;

  /** The fraction (0 to 1) of allowed decisions written to the decision log; denials are always logged. */
  private double decisionLogSampleRate = 0.01;

  /** The Cloud Identity Groups API for groups=cloud-identity (https; plain http only on loopback). */
  private URI cloudIdentityApi = GuardSettings.DEFAULT_CLOUD_IDENTITY_API;

  /** The Admin SDK Directory API for groups=directory (https; plain http only on loopback). */
  private URI directoryApi = GuardSettings.DEFAULT_DIRECTORY_API;

  /**
   * How long a looked-up "member" answer is cached: the delay before a removal from a group takes effect
   * (a number without a unit is seconds).
   */
  @DurationUnit(ChronoUnit.SECONDS)
  private Duration groupMemberTtl = Duration.ofMinutes(5);

  /**
   * How long a looked-up "not a member" answer is cached: the delay before an addition takes effect (a
   * number without a unit is seconds).
   */
  @DurationUnit(ChronoUnit.SECONDS)
  private Duration groupNonMemberTtl = Duration.ofMinutes(1);

  /** Looked-up (group, member) answers kept. */
  private long groupCacheSize = 10000;

  /** Group lookup API calls a second at most; beyond it a group binding does not grant. */
  private long groupLookupRate = 20;

  /**
   * json: one Cloud Logging JSON object per line on stdout; text: the SLF4J logger dev.invokerguard.decisions.
   * Unset: json when K_SERVICE is set, else text.
   */
  private String decisionLogFormat;

  /**
   * The settings these properties name, read and validated by the core exactly as the servlet filter
   * reads its init parameters.
   *
   * @throws dev.invokerguard.InvokerGuardConfigurationException naming the setting that is missing or wrong
   */
  public GuardSettings toSettings() {
    Map<String, String> texts = new LinkedHashMap<>();
    put(texts, "policy", policy == null ? null : String.join(",", policy));
    put(texts, "local-policy", localPolicy);
    put(texts, "public-paths", publicPaths == null ? null : String.join(",", publicPaths));
    put(texts, "audiences", audiences == null ? null : String.join(",", audiences));
    put(texts, "cloud-run-api", cloudRunApi);
    put(texts, "resource-manager-api", resourceManagerApi);
    put(texts, "jwks-uri", jwksUri);
    put(texts, "permission", permission);
    put(texts, "mode", mode == null ? null : mode.name().toLowerCase(Locale.ROOT));
    put(texts, "allowed-clock-skew", allowedClockSkew);
    put(texts, "firebase-project", firebaseProject);
    put(texts, "iap-audience", iapAudience);
    put(texts, "firebase-keys-uri", firebaseKeysUri);
    put(texts, "iap-keys-uri", iapKeysUri);
    put(texts, "firebase-tenants", firebaseTenants == null ? null : String.join(",", firebaseTenants));
    put(texts, "firebase-anonymous", firebaseAnonymous);
    put(texts, "preflight-paths", preflightPaths == null ? null : String.join(",", preflightPaths));
    put(texts, "allow-path-parameters", allowPathParameters);
    put(texts, "deny-policy", denyPolicy);
    put(texts, "custom-roles", customRoles);
    put(texts, "groups", groups);
    put(texts, "token-cache-size", tokenCacheSize);
    put(texts, "policy-refresh-interval", policyRefreshInterval);
    put(texts, "last-known-good", lastKnownGood);
    put(texts, "decision-log-sample-rate", decisionLogSampleRate);
    put(texts, "cloud-identity-api", cloudIdentityApi);
    put(texts, "directory-api", directoryApi);
    put(texts, "group-member-ttl", groupMemberTtl);
    put(texts, "group-non-member-ttl", groupNonMemberTtl);
    put(texts, "group-cache-size", groupCacheSize);
    put(texts, "group-lookup-rate", groupLookupRate);
    put(texts, "decision-log-format", decisionLogFormat);
    put(texts, "preinitialize", preinitialize);
    return GuardSettings.fromProperties(texts);
  }

  private static void put(Map<String, String> texts, String name, Object value) {
    if (value != null) {
      texts.put("invokerguard." + name, value.toString());
    }
  }

  public InvokerGuardClientProperties getClient() {
    return client;
  }

  public void setClient(InvokerGuardClientProperties client) {
    this.client = client;
  }

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public boolean isPreinitialize() {
    return preinitialize;
  }

  public void setPreinitialize(boolean preinitialize) {
    this.preinitialize = preinitialize;
  }

  public List<String> getPolicy() {
    return policy;
  }

  public void setPolicy(List<String> policy) {
    this.policy = policy;
  }

  public List<String> getAudiences() {
    return audiences;
  }

  public void setAudiences(List<String> audiences) {
    this.audiences = audiences;
  }

  public URI getFirebaseKeysUri() {
    return firebaseKeysUri;
  }

  public void setFirebaseKeysUri(URI firebaseKeysUri) {
    this.firebaseKeysUri = firebaseKeysUri;
  }

  public URI getIapKeysUri() {
    return iapKeysUri;
  }

  public void setIapKeysUri(URI iapKeysUri) {
    this.iapKeysUri = iapKeysUri;
  }

  public List<String> getFirebaseTenants() {
    return firebaseTenants;
  }

  public void setFirebaseTenants(List<String> firebaseTenants) {
    this.firebaseTenants = firebaseTenants;
  }

  public String getFirebaseAnonymous() {
    return firebaseAnonymous;
  }

  public void setFirebaseAnonymous(String firebaseAnonymous) {
    this.firebaseAnonymous = firebaseAnonymous;
  }

  public URI getJwksUri() {
    return jwksUri;
  }

  public void setJwksUri(URI jwksUri) {
    this.jwksUri = jwksUri;
  }

  public String getPermission() {
    return permission;
  }

  public void setPermission(String permission) {
    this.permission = permission;
  }

  public EnforcementMode getMode() {
    return mode;
  }

  public void setMode(EnforcementMode mode) {
    this.mode = mode;
  }

  public Duration getAllowedClockSkew() {
    return allowedClockSkew;
  }

  public void setAllowedClockSkew(Duration allowedClockSkew) {
    this.allowedClockSkew = allowedClockSkew;
  }

  public String getFirebaseProject() {
    return firebaseProject;
  }

  public void setFirebaseProject(String firebaseProject) {
    this.firebaseProject = firebaseProject;
  }

  public String getIapAudience() {
    return iapAudience;
  }

  public void setIapAudience(String iapAudience) {
    this.iapAudience = iapAudience;
  }

  public List<String> getPreflightPaths() {
    return preflightPaths;
  }

  public void setPreflightPaths(List<String> preflightPaths) {
    this.preflightPaths = preflightPaths;
  }

  public boolean isAllowPathParameters() {
    return allowPathParameters;
  }

  public void setAllowPathParameters(boolean allowPathParameters) {
    this.allowPathParameters = allowPathParameters;
  }

  public String getDenyPolicy() {
    return denyPolicy;
  }

  public void setDenyPolicy(String denyPolicy) {
    this.denyPolicy = denyPolicy;
  }

  public String getCustomRoles() {
    return customRoles;
  }

  public void setCustomRoles(String customRoles) {
    this.customRoles = customRoles;
  }

  public String getGroups() {
    return groups;
  }

  public void setGroups(String groups) {
    this.groups = groups;
  }

  public long getTokenCacheSize() {
    return tokenCacheSize;
  }

  public void setTokenCacheSize(long tokenCacheSize) {
    this.tokenCacheSize = tokenCacheSize;
  }

  public Duration getPolicyRefreshInterval() {
    return policyRefreshInterval;
  }

  public void setPolicyRefreshInterval(Duration policyRefreshInterval) {
    this.policyRefreshInterval = policyRefreshInterval;
  }

  public Path getLastKnownGood() {
    return lastKnownGood;
  }

  public void setLastKnownGood(Path lastKnownGood) {
    this.lastKnownGood = lastKnownGood;
  }

  public double getDecisionLogSampleRate() {
    return decisionLogSampleRate;
  }

  public void setDecisionLogSampleRate(double decisionLogSampleRate) {
    this.decisionLogSampleRate = decisionLogSampleRate;
  }

  public URI getCloudIdentityApi() {
    return cloudIdentityApi;
  }

  public void setCloudIdentityApi(URI cloudIdentityApi) {
    this.cloudIdentityApi = cloudIdentityApi;
  }

  public URI getDirectoryApi() {
    return directoryApi;
  }

  public void setDirectoryApi(URI directoryApi) {
    this.directoryApi = directoryApi;
  }

  public Duration getGroupMemberTtl() {
    return groupMemberTtl;
  }

  public void setGroupMemberTtl(Duration groupMemberTtl) {
    this.groupMemberTtl = groupMemberTtl;
  }

  public Duration getGroupNonMemberTtl() {
    return groupNonMemberTtl;
  }

  public void setGroupNonMemberTtl(Duration groupNonMemberTtl) {
    this.groupNonMemberTtl = groupNonMemberTtl;
  }

  public long getGroupCacheSize() {
    return groupCacheSize;
  }

  public void setGroupCacheSize(long groupCacheSize) {
    this.groupCacheSize = groupCacheSize;
  }

  public long getGroupLookupRate() {
    return groupLookupRate;
  }

  public void setGroupLookupRate(long groupLookupRate) {
    this.groupLookupRate = groupLookupRate;
  }

  public String getLocalPolicy() {
    return localPolicy;
  }

  public void setLocalPolicy(String localPolicy) {
    this.localPolicy = localPolicy;
  }

  public List<String> getPublicPaths() {
    return publicPaths;
  }

  public void setPublicPaths(List<String> publicPaths) {
    this.publicPaths = publicPaths;
  }

  public URI getCloudRunApi() {
    return cloudRunApi;
  }

  public void setCloudRunApi(URI cloudRunApi) {
    this.cloudRunApi = cloudRunApi;
  }

  public URI getResourceManagerApi() {
    return resourceManagerApi;
  }

  public void setResourceManagerApi(URI resourceManagerApi) {
    this.resourceManagerApi = resourceManagerApi;
  }

  public String getDecisionLogFormat() {
    return decisionLogFormat;
  }

  public void setDecisionLogFormat(String decisionLogFormat) {
    this.decisionLogFormat = decisionLogFormat;
  }
}
