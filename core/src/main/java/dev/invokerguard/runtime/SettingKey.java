package dev.invokerguard.runtime;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Every setting of an InvokerGuard deployment (DESIGN.md, "Configuration: one vocabulary everywhere"), with
 * its property form ({@code invokerguard.some-name}), its environment form ({@code INVOKERGUARD_SOME_NAME}),
 * the type of its value, its default and a one-line description. {@link GuardSettings} reads them; adapters
 * generate their configuration metadata from {@link #all()}, and README.md's settings table lists the same.
 */
public enum SettingKey {
  POLICY("policy", Type.LIST, null, "required",
      "allow policy location(s): file path, `file:`, `classpath:` (JSON or YAML),"
          + " `cloudrun://projects/P/locations/L/services/S` or `cloudrun://projects/P`"),
  LOCAL_POLICY("local-policy", Type.LOCATION, null, "unset",
      "the application's own policy layer (file or `classpath:`), evaluated with the service's policy;"
          + " may open paths to `allUsers` under conditions"),
  PUBLIC_PATHS("public-paths", Type.LIST, null, "unset",
      "path prefixes open to everyone (`allUsers` in the local layer), comma-separated: `/public/,/healthz`"),
  AUDIENCES("audiences", Type.LIST, null, "`auto` with a `cloudrun://` service policy, else required",
      "accepted `aud` values (the service URL, custom audiences), comma-separated; `auto` reads the service's"
          + " URLs and custom audiences from Cloud Run (`auto,https://extra` adds to them)"),
  CLOUD_RUN_API("cloud-run-api", Type.URI, GuardSettings.DEFAULT_CLOUD_RUN_API.toString(), null,
      "Cloud Run Admin API base URL (a Private Service Connect endpoint; https, http only on loopback)"),
  RESOURCE_MANAGER_API("resource-manager-api", Type.URI, GuardSettings.DEFAULT_RESOURCE_MANAGER_API.toString(),
      null, "Resource Manager API base URL (https, http only on loopback)"),
  JWKS_URI("jwks-uri", Type.URI, GuardSettings.DEFAULT_JWKS_URI.toString(), null,
      "Google's JWK set (https; http only to `localhost`, `127.0.0.0/8` or `[::1]`)"),
  PERMISSION("permission", Type.TEXT, GuardSettings.DEFAULT_PERMISSION, null, "permission a request needs"),
  MODE("mode", Type.CHOICE, "enforce", null, "`enforce`, or `shadow`: every request passes and denials are only logged"),
  ALLOWED_CLOCK_SKEW("allowed-clock-skew", Type.DURATION, "60s", null,
      "tolerance on exp/nbf/iat: `30s`, `500ms`, `2m`, `PT30S`; at most 300 s"),
  FIREBASE_PROJECT("firebase-project", Type.TEXT, null, "unset",
      "also accept Firebase / Identity Platform tokens of this project"),
  IAP_AUDIENCE("iap-audience", Type.TEXT, null, "unset",
      "also accept IAP's `x-goog-iap-jwt-assertion` for this audience"),
  FIREBASE_KEYS_URI("firebase-keys-uri", Type.URI, GuardSettings.DEFAULT_FIREBASE_KEYS_URI.toString(), null,
      "Firebase / Identity Platform signing certificates, `kid` to PEM (https; http only to loopback)"),
  IAP_KEYS_URI("iap-keys-uri", Type.URI, GuardSettings.DEFAULT_IAP_KEYS_URI.toString(), null,
      "IAP's JWK set for signed headers (https; http only to loopback)"),
  FIREBASE_TENANTS("firebase-tenants", Type.LIST, null, "no tenant: the project's own users only",
      "Identity Platform tenants whose users are accepted (`firebase.tenant`), comma-separated; `project` also"
          + " accepts the project's own users (tokens without a tenant)"),
  FIREBASE_ANONYMOUS("firebase-anonymous", Type.CHOICE, GuardSettings.DEFAULT_FIREBASE_ANONYMOUS.word(), null,
      "what an anonymous Firebase sign-in matches: `uid-only` (its own UID member and `allUsers`) or"
          + " `authenticated` (also `allAuthenticatedUsers`)"),
  PREFLIGHT_PATHS("preflight-paths", Type.LIST, null, "every path",
      "path prefixes where CORS preflights pass without a token; `none` turns that off"),
  ALLOW_PATH_PARAMETERS("allow-path-parameters", Type.BOOLEAN, "false", null,
      "strip `;` path parameters instead of answering 400"),
  DENY_POLICY("deny-policy", Type.LOCATION, null, "unset",
      "an IAM v2 deny policy location (file or `classpath:`), applied with every allow policy"),
  CUSTOM_ROLES("custom-roles", Type.LOCATION, null, "unset",
      "custom roles (`gcloud iam roles describe/list` JSON or YAML)"),
  GROUPS("groups", Type.LOCATION, null, "unset",
      "how `group:` members are resolved: `cloud-identity` (Cloud Identity Groups API), `directory` (Admin SDK"
          + " Directory API), or a static memberships file (JSON/YAML object, group email to member list)"),
  TOKEN_CACHE_SIZE("token-cache-size", Type.WHOLE_NUMBER,
      Long.toString(GuardSettings.DEFAULT_TOKEN_CACHE_SIZE), null, "verified-token cache entries of an ordinary size, and that many times 2 KiB of token and claim"
          + " characters at most (0 disables)"),
  POLICY_REFRESH_INTERVAL("policy-refresh-interval", Type.DURATION, null, "files 10s, cloudrun:// 60s",
      "how often policy locations are checked for changes"),
  LAST_KNOWN_GOOD("last-known-good", Type.PATH, null, "unset",
      "a file where the last good policy is kept, read at start-up when the source cannot be reached"),
  DECISION_LOG_SAMPLE_RATE("decision-log-sample-rate", Type.FRACTION,
      Double.toString(GuardSettings.DEFAULT_DECISION_LOG_SAMPLE_RATE), null,
      "fraction (0 to 1) of allowed decisions written to the decision log; denials are always logged"),
  CLOUD_IDENTITY_API("cloud-identity-api", Type.URI, GuardSettings.DEFAULT_CLOUD_IDENTITY_API.toString(), null,
      "the Cloud Identity Groups API for `groups=cloud-identity` (https; http only to loopback)"),
  DIRECTORY_API("directory-api", Type.URI, GuardSettings.DEFAULT_DIRECTORY_API.toString(), null,
      "the Admin SDK Directory API for `groups=directory` (https; http only to loopback)"),
  GROUP_MEMBER_TTL("group-member-ttl", Type.DURATION, "5m", null,
      "how long a looked-up \"member\" answer is cached: the delay before a removal from a group takes effect"),
  GROUP_NON_MEMBER_TTL("group-non-member-ttl", Type.DURATION, "1m", null,
      "how long a looked-up \"not a member\" answer is cached: the delay before an addition takes effect"),
  GROUP_CACHE_SIZE("group-cache-size", Type.WHOLE_NUMBER, "10000", null,
      "looked-up (group, member) answers kept"),
  GROUP_LOOKUP_RATE("group-lookup-rate", Type.WHOLE_NUMBER, "20", null,
      "group lookup API calls a second at most; beyond it a group binding does not grant"),
  DECISION_LOG_FORMAT("decision-log-format", Type.CHOICE, null, "`json` when `K_SERVICE` is set, else `text`",
      "`json`: one Cloud Logging JSON object per line on stdout (severity, trace, httpRequest); `text`: the"
          + " SLF4J logger `dev.invokerguard.decisions`"),
  PREINITIALIZE("preinitialize", Type.BOOLEAN, Boolean.toString(GuardSettings.DEFAULT_PREINITIALIZE), null,
      "warm the guard's classes and the JDK's signature services (and TLS, when the key endpoint is `https`, as"
          + " Google's is) up on a background thread while the application starts; only the adapters that start it read it (Spring Boot, Micronaut), and it is"
          + " skipped on a single processor; `false` turns it off");

  /** The type of a setting's value, and how it is written. */
  public enum Type {
    /** Free text. */
    TEXT("java.lang.String"),
    /** Comma-separated values. */
    LIST("java.util.List<java.lang.String>"),
    /** A URL. */
    URI("java.net.URI"),
    /** {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}, whole seconds, or ISO-8601 ({@code PT30S}). */
    DURATION("java.time.Duration"),
    /** {@code true} or {@code false}. */
    BOOLEAN("java.lang.Boolean"),
    /** A whole number. */
    WHOLE_NUMBER("java.lang.Long"),
    /** A number between 0 and 1. */
    FRACTION("java.lang.Double"),
    /** One of the words the description lists. */
    CHOICE("java.lang.String"),
    /** A document location: a file path, {@code file:} or {@code classpath:}. */
    LOCATION("java.lang.String"),
    /** A local file path. */
    PATH("java.nio.file.Path");

    private final String javaType;

    Type(String javaType) {
      this.javaType = javaType;
    }

    /** The Java type a framework binds the value to, e.g. {@code java.time.Duration}. */
    public String javaType() {
      return javaType;
    }
  }

  static final String PROPERTY_PREFIX = "invokerguard.";
  static final String ENV_PREFIX = "INVOKERGUARD_";
  private static final List<SettingKey> ALL = List.of(values());
  private static final Map<String, SettingKey> BY_PROPERTY = Arrays.stream(values())
      .collect(Collectors.toUnmodifiableMap(SettingKey::property, Function.identity()));
  private static final Map<String, SettingKey> BY_ENV = Arrays.stream(values())
      .collect(Collectors.toUnmodifiableMap(SettingKey::env, Function.identity()));

  private final String name;
  private final Type type;
  private final @Nullable String defaultValue;
  private final @Nullable String unsetMeaning;
  private final String description;

  SettingKey(String name, Type type, @Nullable String defaultValue, @Nullable String unsetMeaning,
      String description) {
    this.name = name;
    this.type = type;
    this.defaultValue = defaultValue;
    this.unsetMeaning = unsetMeaning;
    this.description = description;
  }

  /** Every setting, in the order of the README's table. */
  public static List<SettingKey> all() {
    return ALL;
  }

  /** The setting of a property name such as {@code invokerguard.audiences}. */
  public static Optional<SettingKey> byProperty(String property) {
    return Optional.ofNullable(BY_PROPERTY.get(property));
  }

  /** The setting of an environment variable such as {@code INVOKERGUARD_AUDIENCES}. */
  public static Optional<SettingKey> byEnv(String env) {
    return Optional.ofNullable(BY_ENV.get(env));
  }

  /** The name without prefix, {@code some-name}. */
  public String shortName() {
    return name;
  }

  /** {@code invokerguard.some-name}. */
  public String property() {
    return PROPERTY_PREFIX + name;
  }

  /** {@code INVOKERGUARD_SOME_NAME}. */
  public String env() {
    return ENV_PREFIX + name.replace('-', '_').toUpperCase(Locale.ROOT);
  }

  public Type type() {
    return type;
  }

  /** Whether start-up fails without it. */
  public boolean required() {
    return "required".equals(unsetMeaning);
  }

  /** Whether start-up fails without it in some configurations (the audiences without a Cloud Run policy). */
  public boolean requiredUnlessDefaulted() {
    return unsetMeaning != null && unsetMeaning.endsWith("else required");
  }

  /** The default in the setting's text form (what setting it to this value changes nothing), or empty. */
  public Optional<String> defaultValue() {
    return Optional.ofNullable(defaultValue);
  }

  /**
   * What applies when the setting is not given: the default value, or in words ("required", "unset",
   * "every path", ...).
   */
  public String defaultDescription() {
    return defaultValue != null ? defaultValue : java.util.Objects.requireNonNull(unsetMeaning);
  }

  /** One line on what the setting means (Markdown code spans in backquotes). */
  public String description() {
    return description;
  }

  /** Both forms, for messages: {@code invokerguard.audiences (INVOKERGUARD_AUDIENCES)}. */
  public String describe() {
    return property() + " (" + env() + ")";
  }

  static String knownProperties() {
    return ALL.stream().map(SettingKey::property).collect(Collectors.joining(", "));
  }

  static String knownEnv() {
    return ALL.stream().map(SettingKey::env).collect(Collectors.joining(", "));
  }
}
