package dev.invokerguard.runtime;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The settings of DESIGN.md's vocabulary, each with its property form ({@code invokerguard.some-name}) and
 * its environment form ({@code INVOKERGUARD_SOME_NAME}).
 */
enum Setting {
  POLICY("policy"),
  AUDIENCES("audiences"),
  JWKS_URI("jwks-uri"),
  PERMISSION("permission"),
  MODE("mode"),
  ALLOWED_CLOCK_SKEW("allowed-clock-skew"),
  FIREBASE_PROJECT("firebase-project"),
  IAP_AUDIENCE("iap-audience"),
  PREFLIGHT_PATHS("preflight-paths"),
  ALLOW_PATH_PARAMETERS("allow-path-parameters"),
  DENY_POLICY("deny-policy"),
  CUSTOM_ROLES("custom-roles"),
  GROUPS("groups"),
  TOKEN_CACHE_SIZE("token-cache-size"),
  POLICY_REFRESH_INTERVAL("policy-refresh-interval"),
  LAST_KNOWN_GOOD("last-known-good"),
  DECISION_LOG_SAMPLE_RATE("decision-log-sample-rate");

  static final String PROPERTY_PREFIX = "invokerguard.";
  static final String ENV_PREFIX = "INVOKERGUARD_";
  private static final Map<String, Setting> BY_PROPERTY = Arrays.stream(values())
      .collect(Collectors.toUnmodifiableMap(Setting::property, Function.identity()));
  private static final Map<String, Setting> BY_ENV = Arrays.stream(values())
      .collect(Collectors.toUnmodifiableMap(Setting::env, Function.identity()));

  private final String name;

  Setting(String name) {
    this.name = name;
  }

  /** {@code invokerguard.some-name}. */
  String property() {
    return PROPERTY_PREFIX + name;
  }

  /** {@code INVOKERGUARD_SOME_NAME}. */
  String env() {
    return ENV_PREFIX + name.replace('-', '_').toUpperCase(Locale.ROOT);
  }

  /** Both forms, for messages: {@code invokerguard.audiences (INVOKERGUARD_AUDIENCES)}. */
  String describe() {
    return property() + " (" + env() + ")";
  }

  static Optional<Setting> byProperty(String property) {
    return Optional.ofNullable(BY_PROPERTY.get(property));
  }

  static Optional<Setting> byEnv(String env) {
    return Optional.ofNullable(BY_ENV.get(env));
  }

  static String knownProperties() {
    return Arrays.stream(values()).map(Setting::property).collect(Collectors.joining(", "));
  }

  static String knownEnv() {
    return Arrays.stream(values()).map(Setting::env).collect(Collectors.joining(", "));
  }
}
