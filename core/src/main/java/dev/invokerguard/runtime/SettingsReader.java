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
    GuardSettings.Builder builder = GuardSettings.builder();
    for (SettingKey setting : SettingKey.values()) {
      String value = source.apply(setting);
      if (value != null && !value.isBlank()) { // blank is unset; others are trimmed
        set(builder, setting, value.strip());
      }
    }
    return builder.build();
  }

  /**
   * Parses one setting's text into {@code builder}. A switch expression, so the compiler refuses a key this
   * does not read; no lambda per key, as this runs on the application's start-up path.
   */
  @SuppressWarnings("UnusedReturnValue")
  private static GuardSettings.Builder set(GuardSettings.Builder builder, SettingKey setting, String v) {
    return switch (setting) {
      case POLICY -> builder.policy(list(SettingKey.POLICY, v));
      case AUDIENCES -> builder.audiences(list(SettingKey.AUDIENCES, v));
      case JWKS_URI -> builder.jwksUri(uri(SettingKey.JWKS_URI, v));
      case CLOUD_RUN_API -> builder.cloudRunApi(uri(SettingKey.CLOUD_RUN_API, v));
      case RESOURCE_MANAGER_API -> builder.resourceManagerApi(uri(SettingKey.RESOURCE_MANAGER_API, v));
      case PERMISSION -> builder.permission(v);
      case MODE -> builder.mode(mode(v));
      case ALLOWED_CLOCK_SKEW -> builder.allowedClockSkew(duration(SettingKey.ALLOWED_CLOCK_SKEW, v));
      case FIREBASE_PROJECT -> builder.firebaseProject(v);
      case IAP_AUDIENCE -> builder.iapAudience(v);
      case FIREBASE_KEYS_URI -> builder.firebaseKeysUri(uri(SettingKey.FIREBASE_KEYS_URI, v));
      case IAP_KEYS_URI -> builder.iapKeysUri(uri(SettingKey.IAP_KEYS_URI, v));
      case FIREBASE_TENANTS -> builder.firebaseTenants(firebaseTenants(v));
      case FIREBASE_ANONYMOUS -> builder.firebaseAnonymous(FirebaseAnonymousUsers.byWord(v).orElseThrow(
          () -> SettingChecks.invalid(SettingKey.FIREBASE_ANONYMOUS, "must be uid-only or authenticated: \"" + v
              + "\"")));
      case PREFLIGHT_PATHS -> builder.preflight(preflight(v));
      case ALLOW_PATH_PARAMETERS -> builder.allowPathParameters(bool(SettingKey.ALLOW_PATH_PARAMETERS, v));
      case DENY_POLICY -> builder.denyPolicy(v);
      case CUSTOM_ROLES -> builder.customRoles(v);
      case GROUPS -> builder.groups(v);
      case TOKEN_CACHE_SIZE -> builder.tokenCacheSize(count(SettingKey.TOKEN_CACHE_SIZE, v));
      case POLICY_REFRESH_INTERVAL -> builder.policyRefreshInterval(
          duration(SettingKey.POLICY_REFRESH_INTERVAL, v));
      case LAST_KNOWN_GOOD -> builder.lastKnownGood(Path.of(v));
      case DECISION_LOG_SAMPLE_RATE -> builder.decisionLogSampleRate(
          fraction(SettingKey.DECISION_LOG_SAMPLE_RATE, v));
      case CLOUD_IDENTITY_API -> builder.cloudIdentityApi(uri(SettingKey.CLOUD_IDENTITY_API, v));
      case DIRECTORY_API -> builder.directoryApi(uri(SettingKey.DIRECTORY_API, v));
      case GROUP_MEMBER_TTL -> builder.groupMemberTtl(duration(SettingKey.GROUP_MEMBER_TTL, v));
      case GROUP_NON_MEMBER_TTL -> builder.groupNonMemberTtl(duration(SettingKey.GROUP_NON_MEMBER_TTL, v));
      case GROUP_CACHE_SIZE -> builder.groupCacheSize(count(SettingKey.GROUP_CACHE_SIZE, v));
      case GROUP_LOOKUP_RATE -> builder.groupLookupRate(count(SettingKey.GROUP_LOOKUP_RATE, v));
      case LOCAL_POLICY -> builder.localPolicy(v);
      case DECISION_LOG_FORMAT -> builder.decisionLogFormat(v.toLowerCase(Locale.ROOT));
      case PUBLIC_PATHS -> builder.publicPaths(list(SettingKey.PUBLIC_PATHS, v));
      case PREINITIALIZE -> builder.preinitialize(bool(SettingKey.PREINITIALIZE, v));
    };
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
}
