package dev.invokerguard.runtime;

import dev.invokerguard.ConfigurationErrorCode;
import dev.invokerguard.EnforcementMode;
import dev.invokerguard.InvokerGuardConfigurationException;
import dev.invokerguard.identity.FirebaseAnonymousUsers;
import dev.invokerguard.request.PreflightSettings;
import dev.invokerguard.token.FirebaseTenants;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the text form of each setting (property or environment variable) into {@link GuardSettings}. */
final class SettingsReader {
  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h)?");

  private SettingsReader() {}

  static GuardSettings read(Function<SettingKey, String> source) {
    SettingsReader.Values values = new Values(source);
    GuardSettings.Builder builder = GuardSettings.builder();
    values.get(SettingKey.POLICY).ifPresent(v -> builder.policy(list(SettingKey.POLICY, v)));
    values.get(SettingKey.AUDIENCES).ifPresent(v -> builder.audiences(list(SettingKey.AUDIENCES, v)));
    values.get(SettingKey.JWKS_URI).ifPresent(v -> builder.jwksUri(uri(SettingKey.JWKS_URI, v)));
    values.get(SettingKey.CLOUD_RUN_API).ifPresent(v -> builder.cloudRunApi(uri(SettingKey.CLOUD_RUN_API, v)));
    values.get(SettingKey.RESOURCE_MANAGER_API).ifPresent(v -> builder.resourceManagerApi(
        uri(SettingKey.RESOURCE_MANAGER_API, v)));
    values.get(SettingKey.PERMISSION).ifPresent(builder::permission);
    values.get(SettingKey.MODE).ifPresent(v -> builder.mode(mode(v)));
    values.get(SettingKey.ALLOWED_CLOCK_SKEW).ifPresent(v -> builder.allowedClockSkew(
        duration(SettingKey.ALLOWED_CLOCK_SKEW, v)));
    values.get(SettingKey.FIREBASE_PROJECT).ifPresent(builder::firebaseProject);
    values.get(SettingKey.IAP_AUDIENCE).ifPresent(builder::iapAudience);
    values.get(SettingKey.FIREBASE_KEYS_URI).ifPresent(v -> builder.firebaseKeysUri(
        uri(SettingKey.FIREBASE_KEYS_URI, v)));
    values.get(SettingKey.IAP_KEYS_URI).ifPresent(v -> builder.iapKeysUri(uri(SettingKey.IAP_KEYS_URI, v)));
    values.get(SettingKey.FIREBASE_TENANTS).ifPresent(v -> builder.firebaseTenants(firebaseTenants(v)));
    values.get(SettingKey.FIREBASE_ANONYMOUS).ifPresent(v -> builder.firebaseAnonymous(
        FirebaseAnonymousUsers.byWord(v).orElseThrow(() -> SettingChecks.invalid(SettingKey.FIREBASE_ANONYMOUS,
            "must be uid-only or authenticated: \"" + v + "\""))));
    values.get(SettingKey.PREFLIGHT_PATHS).ifPresent(v -> builder.preflight(preflight(v)));
    values.get(SettingKey.ALLOW_PATH_PARAMETERS).ifPresent(v -> builder.allowPathParameters(
        bool(SettingKey.ALLOW_PATH_PARAMETERS, v)));
    values.get(SettingKey.DENY_POLICY).ifPresent(builder::denyPolicy);
    values.get(SettingKey.CUSTOM_ROLES).ifPresent(builder::customRoles);
    values.get(SettingKey.GROUPS).ifPresent(builder::groups);
    values.get(SettingKey.TOKEN_CACHE_SIZE).ifPresent(v -> builder.tokenCacheSize(
        count(SettingKey.TOKEN_CACHE_SIZE, v)));
    values.get(SettingKey.POLICY_REFRESH_INTERVAL).ifPresent(v -> builder.policyRefreshInterval(
        duration(SettingKey.POLICY_REFRESH_INTERVAL, v)));
    values.get(SettingKey.LAST_KNOWN_GOOD).ifPresent(v -> builder.lastKnownGood(Path.of(v)));
    values.get(SettingKey.DECISION_LOG_SAMPLE_RATE).ifPresent(v -> builder.decisionLogSampleRate(
        fraction(SettingKey.DECISION_LOG_SAMPLE_RATE, v)));
    values.get(SettingKey.CLOUD_IDENTITY_API).ifPresent(v -> builder.cloudIdentityApi(
        uri(SettingKey.CLOUD_IDENTITY_API, v)));
    values.get(SettingKey.DIRECTORY_API).ifPresent(v -> builder.directoryApi(uri(SettingKey.DIRECTORY_API, v)));
    values.get(SettingKey.GROUP_MEMBER_TTL).ifPresent(v -> builder.groupMemberTtl(
        duration(SettingKey.GROUP_MEMBER_TTL, v)));
    values.get(SettingKey.GROUP_NON_MEMBER_TTL).ifPresent(v -> builder.groupNonMemberTtl(
        duration(SettingKey.GROUP_NON_MEMBER_TTL, v)));
    values.get(SettingKey.GROUP_CACHE_SIZE).ifPresent(v -> builder.groupCacheSize(
        count(SettingKey.GROUP_CACHE_SIZE, v)));
    values.get(SettingKey.GROUP_LOOKUP_RATE).ifPresent(v -> builder.groupLookupRate(
        count(SettingKey.GROUP_LOOKUP_RATE, v)));
    values.get(SettingKey.LOCAL_POLICY).ifPresent(builder::localPolicy);
    values.get(SettingKey.DECISION_LOG_FORMAT).ifPresent(v -> builder.decisionLogFormat(
        v.toLowerCase(Locale.ROOT)));
    values.get(SettingKey.PUBLIC_PATHS).ifPresent(v -> builder.publicPaths(list(SettingKey.PUBLIC_PATHS, v)));
    values.get(SettingKey.PREINITIALIZE).ifPresent(v -> builder.preinitialize(bool(SettingKey.PREINITIALIZE, v)));
    return builder.build();
  }

  /** Reads {@code INVOKERGUARD_*} variables; one with that prefix that names no setting is an error. */
  static GuardSettings fromEnvironment(Map<String, String> environment) {
    Objects.requireNonNull(environment, "environment");
    for (String name : environment.keySet()) {
      if (name.startsWith(SettingKey.ENV_PREFIX) && SettingKey.byEnv(name).isEmpty()) {
        throw new InvokerGuardConfigurationException(ConfigurationErrorCode.INVALID_SETTING,
            name + " is not an InvokerGuard setting; known: " + SettingKey.knownEnv());
      }
    }
    return read(setting -> environment.get(setting.env()));
  }

  /** Reads {@code invokerguard.*} keys of a map; one with that prefix that names no setting is an error. */
  static GuardSettings fromProperties(Map<String, String> properties) {
    Objects.requireNonNull(properties, "properties");
    for (String name : properties.keySet()) {
      if (name.startsWith(SettingKey.PROPERTY_PREFIX) && SettingKey.byProperty(name).isEmpty()) {
        throw new InvokerGuardConfigurationException(ConfigurationErrorCode.INVALID_SETTING,
            name + " is not an InvokerGuard setting; known: " + SettingKey.knownProperties());
      }
    }
    return read(setting -> properties.get(setting.property()));
  }

  /** Comma-separated values, each trimmed; an empty entry is an error. */
  static List<String> list(SettingKey setting, String text) {
    List<String> out = new ArrayList<>();
    for (String part : text.split(",", -1)) {
      String value = part.strip();
      if (value.isEmpty()) {
        throw SettingChecks.invalid(setting, "has an empty entry: \"" + text + "\"");
      }
      out.add(value);
    }
    return out;
  }

  static URI uri(SettingKey setting, String text) {
    try {
      return new URI(text);
    } catch (java.net.URISyntaxException e) {
      throw SettingChecks.invalid(setting, "is not a URL: " + text);
    }
  }

  /** {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}, whole seconds, or ISO-8601 ({@code PT30S}). */
  static Duration duration(SettingKey setting, String text) {
    Matcher m = DURATION.matcher(text);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      String unit = m.group(2) == null ? "s" : m.group(2);
      return switch (unit) {
        case "ms" -> Duration.ofMillis(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofSeconds(n);
      };
    }
    try {
      return Duration.parse(text);
    } catch (DateTimeParseException e) {
      throw SettingChecks.invalid(setting, "must be a duration like 30s, 500ms, 2m or PT30S: \"" + text + "\"");
    }
  }

  /** Unset or blank: every path; {@code none}: no exemption; else path prefixes, comma-separated. */
  static PreflightSettings preflight(String text) {
    if (text.equalsIgnoreCase("none")) {
      return PreflightSettings.disabled();
    }
    List<String> prefixes = list(SettingKey.PREFLIGHT_PATHS, text);
    for (String prefix : prefixes) {
      if (!prefix.startsWith("/")) {
        throw SettingChecks.invalid(SettingKey.PREFLIGHT_PATHS,
            "must list path prefixes starting with / (or be none): \"" + prefix + "\"");
      }
    }
    return PreflightSettings.under(prefixes.toArray(String[]::new));
  }

  /** Tenant ids and {@code project}, comma-separated. */
  static FirebaseTenants firebaseTenants(String text) {
    try {
      return FirebaseTenants.parse(list(SettingKey.FIREBASE_TENANTS, text));
    } catch (IllegalArgumentException e) {
      throw SettingChecks.invalid(SettingKey.FIREBASE_TENANTS, e.getMessage());
    }
  }

  static boolean bool(SettingKey setting, String text) {
    if (text.equalsIgnoreCase("true")) {
      return true;
    }
    if (text.equalsIgnoreCase("false")) {
      return false;
    }
    throw SettingChecks.invalid(setting, "must be true or false: \"" + text + "\"");
  }

  static EnforcementMode mode(String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "enforce" -> EnforcementMode.ENFORCE;
      case "shadow" -> EnforcementMode.SHADOW;
      default -> throw SettingChecks.invalid(SettingKey.MODE, "must be enforce or shadow: \"" + text + "\"");
    };
  }

  static double fraction(SettingKey setting, String text) {
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw SettingChecks.invalid(setting, "must be a number between 0 and 1: \"" + text + "\"");
    }
  }

  static long count(SettingKey setting, String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw SettingChecks.invalid(setting, "must be a whole number: \"" + text + "\"");
    }
  }

  /** Looks settings up; blank values are unset, others are trimmed. */
  private record Values(Function<SettingKey, String> source) {
    java.util.Optional<String> get(SettingKey setting) {
      String value = source.apply(setting);
      return value == null || value.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(value.strip());
    }
  }
}
