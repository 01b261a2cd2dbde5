package dev.invokerguard.runtime;

import dev.invokerguard.ConfigurationErrorCode;
import dev.invokerguard.InvokerGuardConfigurationException;
import dev.invokerguard.token.EndpointUris;
import dev.invokerguard.token.FirebaseTenants;
import dev.invokerguard.token.GoogleIdTokenVerifier;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Validation of each {@link GuardSettings} value; every failure names the setting in both forms. */
final class SettingChecks {
  private static final Pattern PERMISSION = Pattern.compile("[a-z0-9]+(\\.[A-Za-z0-9]+){2,}");
  private static final Pattern PROJECT_ID = Pattern.compile("[a-z][a-z0-9-]{4,28}[a-z0-9]");

  private SettingChecks() {}

  static InvokerGuardConfigurationException missing(SettingKey setting, String hint) {
    return new InvokerGuardConfigurationException(ConfigurationErrorCode.MISSING_SETTING,
        setting.describe() + " is required: " + hint);
  }

  static InvokerGuardConfigurationException invalid(SettingKey setting, String problem) {
    return new InvokerGuardConfigurationException(ConfigurationErrorCode.INVALID_SETTING,
        setting.describe() + " " + problem);
  }

  static void notNull(SettingKey setting, Object value) {
    if (value == null) {
      throw invalid(setting, "must not be null");
    }
  }

  static List<String> locations(SettingKey setting, List<String> values) {
    if (values == null || values.isEmpty()) {
      throw missing(setting, "the location of the service's IAM policy (a file path, classpath: or cloudrun://"
          + " location; several, comma-separated, for project layers then the service's)");
    }
    Set<String> seen = new HashSet<>();
    for (String value : values) {
      optionalLocation(setting, value);
      if (value == null || !seen.add(value)) {
        throw invalid(setting, value == null ? "has an empty location" : "lists " + value + " twice");
      }
    }
    return List.copyOf(values);
  }

  static void optionalLocation(SettingKey setting, String value) {
    if (value != null && (value.isBlank() || !value.strip().equals(value))) {
      throw invalid(setting, "must be a location without surrounding spaces: \"" + value + "\"");
    }
  }

  static List<String> audiences(List<String> values, String serviceLocation) {
    boolean cloudRun = serviceLocation != null && serviceLocation.startsWith("cloudrun://")
        && serviceLocation.contains("/services/");
    if ((values == null || values.isEmpty()) && cloudRun) {
      return List.of(GuardSettings.AUTO_AUDIENCES);
    }
    if (values == null || values.isEmpty()) {
      throw missing(SettingKey.AUDIENCES, "the accepted aud values of ID tokens, e.g. the service URL"
          + " https://SERVICE-PROJECT_NUMBER.REGION.run.app, comma-separated (or auto, with a cloudrun://"
          + " service policy)");
    }
    for (String value : values) {
      if (value == null || value.isBlank() || value.chars().anyMatch(c -> c <= ' ' || c == ',')) {
        throw invalid(SettingKey.AUDIENCES, "has an empty value or one with spaces or commas: \"" + value + "\"");
      }
    }
    if (values.contains(GuardSettings.AUTO_AUDIENCES) && !cloudRun) {
      throw invalid(SettingKey.AUDIENCES, "is auto, which reads the audiences of the Cloud Run service whose"
          + " policy is read: the last location of " + SettingKey.POLICY.property() + " must be"
          + " cloudrun://projects/P/locations/L/services/S (it is " + serviceLocation + ")");
    }
    return List.copyOf(values);
  }

  /** A key set location ({@code jwks-uri}, {@code firebase-keys-uri}, {@code iap-keys-uri}). */
  static void keysUri(SettingKey setting, URI uri) {
    notNull(setting, uri);
    if (!EndpointUris.isAllowed(uri)) {
      throw invalid(setting, "must be " + EndpointUris.RULE + ": " + uri);
    }
  }

  static void permission(String value) {
    if (value == null || !PERMISSION.matcher(value).matches()) {
      throw invalid(SettingKey.PERMISSION, "must be a permission like run.routes.invoke: " + value);
    }
  }

  static void clockSkew(Duration value) {
    notNull(SettingKey.ALLOWED_CLOCK_SKEW, value);
    if (value.isNegative() || value.compareTo(GoogleIdTokenVerifier.MAX_ALLOWED_CLOCK_SKEW) > 0) {
      throw invalid(SettingKey.ALLOWED_CLOCK_SKEW, "must be between 0 and "
          + GoogleIdTokenVerifier.MAX_ALLOWED_CLOCK_SKEW.toSeconds() + " seconds: " + value);
    }
  }

  static void firebaseProject(String value) {
    if (value != null && !PROJECT_ID.matcher(value).matches()) {
      throw invalid(SettingKey.FIREBASE_PROJECT, "must be a Google Cloud project id: \"" + value + "\"");
    }
  }

  static void firebaseTenants(FirebaseTenants tenants, String firebaseProject) {
    notNull(SettingKey.FIREBASE_TENANTS, tenants);
    if (!tenants.equals(FirebaseTenants.PROJECT_ONLY) && firebaseProject == null) {
      throw invalid(SettingKey.FIREBASE_TENANTS, "names tenants, but " + SettingKey.FIREBASE_PROJECT.describe()
          + ", the project they belong to, is not set");
    }
  }

  static void iapAudience(String value) {
    if (value != null && (!value.startsWith("/projects/") || value.chars().anyMatch(c -> c <= ' '))) {
      throw invalid(SettingKey.IAP_AUDIENCE, "must be an IAP audience /projects/NUMBER/...: \"" + value + "\"");
    }
  }

  static void tokenCacheSize(long size) {
    if (size < 0) {
      throw invalid(SettingKey.TOKEN_CACHE_SIZE, "must not be negative: " + size);
    }
  }

  static void refreshInterval(Duration interval) {
    if (interval != null && (interval.isNegative() || interval.isZero())) {
      throw invalid(SettingKey.POLICY_REFRESH_INTERVAL, "must be positive: " + interval);
    }
  }

  static void apiBase(SettingKey setting, URI uri) {
    notNull(setting, uri);
    if (!EndpointUris.isAllowed(uri) || uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw invalid(setting, "must be a base URL, " + EndpointUris.RULE + ": " + uri);
    }
  }

  static void positive(SettingKey setting, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw invalid(setting, "must be a positive duration: " + value);
    }
  }

  static void positive(SettingKey setting, long value) {
    if (value < 1) {
      throw invalid(setting, "must be at least 1: " + value);
    }
  }

  static void localPolicy(String location) {
    optionalLocation(SettingKey.LOCAL_POLICY, location);
    if (location != null && location.matches("[a-zA-Z][a-zA-Z0-9+.-]+:/.*") && !location.startsWith("file:")
        && !location.startsWith("classpath:")) {
      throw invalid(SettingKey.LOCAL_POLICY, "must be a file path, file: or classpath: location (the"
          + " application's layer ships with it; the service's policy goes in " + SettingKey.POLICY.property()
          + "): " + location);
    }
  }

  static List<String> publicPaths(List<String> prefixes) {
    if (prefixes == null) {
      return List.of();
    }
    for (String prefix : prefixes) {
      dev.invokerguard.policy.PublicPaths.problem(prefix).ifPresent(problem -> {
        throw invalid(SettingKey.PUBLIC_PATHS, "lists a prefix that " + problem);
      });
    }
    if (new HashSet<>(prefixes).size() != prefixes.size()) {
      throw invalid(SettingKey.PUBLIC_PATHS, "lists a prefix twice: " + prefixes);
    }
    return List.copyOf(prefixes);
  }

  static void decisionLogFormat(String format) {
    if (format != null && !format.equals("json") && !format.equals("text")) {
      throw invalid(SettingKey.DECISION_LOG_FORMAT, "must be json or text: \"" + format + "\"");
    }
  }

  static void sampleRate(double rate) {
    if (!(rate >= 0 && rate <= 1)) {
      throw invalid(SettingKey.DECISION_LOG_SAMPLE_RATE, "must be between 0 and 1: " + rate);
    }
  }
}
