package dev.invokerguard.runtime;

import dev.invokerguard.ConfigurationErrorCode;
import dev.invokerguard.EnforcementMode;
import dev.invokerguard.InvokerGuardConfigurationException;
import dev.invokerguard.request.PreflightSettings;
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

  static GuardSettings read(Function<Setting, String> source) {
    SettingsReader.Values values = new Values(source);
    GuardSettings.Builder builder = GuardSettings.builder();
    values.get(Setting.POLICY).ifPresent(v -> builder.policy(list(Setting.POLICY, v)));
    values.get(Setting.AUDIENCES).ifPresent(v -> builder.audiences(list(Setting.AUDIENCES, v)));
    values.get(Setting.JWKS_URI).ifPresent(v -> builder.jwksUri(uri(v)));
    values.get(Setting.PERMISSION).ifPresent(builder::permission);
    values.get(Setting.MODE).ifPresent(v -> builder.mode(mode(v)));
    values.get(Setting.ALLOWED_CLOCK_SKEW).ifPresent(v -> builder.allowedClockSkew(
        duration(Setting.ALLOWED_CLOCK_SKEW, v)));
    values.get(Setting.FIREBASE_PROJECT).ifPresent(builder::firebaseProject);
    values.get(Setting.IAP_AUDIENCE).ifPresent(builder::iapAudience);
    values.get(Setting.PREFLIGHT_PATHS).ifPresent(v -> builder.preflight(preflight(v)));
    values.get(Setting.ALLOW_PATH_PARAMETERS).ifPresent(v -> builder.allowPathParameters(
        bool(Setting.ALLOW_PATH_PARAMETERS, v)));
    values.get(Setting.DENY_POLICY).ifPresent(builder::denyPolicy);
    values.get(Setting.CUSTOM_ROLES).ifPresent(builder::customRoles);
    values.get(Setting.GROUPS).ifPresent(builder::groups);
    values.get(Setting.TOKEN_CACHE_SIZE).ifPresent(v -> builder.tokenCacheSize(
        count(Setting.TOKEN_CACHE_SIZE, v)));
    values.get(Setting.POLICY_REFRESH_INTERVAL).ifPresent(v -> builder.policyRefreshInterval(
        duration(Setting.POLICY_REFRESH_INTERVAL, v)));
    values.get(Setting.LAST_KNOWN_GOOD).ifPresent(v -> builder.lastKnownGood(Path.of(v)));
    values.get(Setting.DECISION_LOG_SAMPLE_RATE).ifPresent(v -> builder.decisionLogSampleRate(
        fraction(Setting.DECISION_LOG_SAMPLE_RATE, v)));
    return builder.build();
  }

  /** Reads {@code INVOKERGUARD_*} variables; one with that prefix that names no setting is an error. */
  static GuardSettings fromEnvironment(Map<String, String> environment) {
    Objects.requireNonNull(environment, "environment");
    for (String name : environment.keySet()) {
      if (name.startsWith(Setting.ENV_PREFIX) && Setting.byEnv(name).isEmpty()) {
        throw new InvokerGuardConfigurationException(ConfigurationErrorCode.INVALID_SETTING,
            name + " is not an InvokerGuard setting; known: " + Setting.knownEnv());
      }
    }
    return read(setting -> environment.get(setting.env()));
  }

  /** Reads {@code invokerguard.*} keys of a map; one with that prefix that names no setting is an error. */
  static GuardSettings fromProperties(Map<String, String> properties) {
    Objects.requireNonNull(properties, "properties");
    for (String name : properties.keySet()) {
      if (name.startsWith(Setting.PROPERTY_PREFIX) && Setting.byProperty(name).isEmpty()) {
        throw new InvokerGuardConfigurationException(ConfigurationErrorCode.INVALID_SETTING,
            name + " is not an InvokerGuard setting; known: " + Setting.knownProperties());
      }
    }
    return read(setting -> properties.get(setting.property()));
  }

  /** Comma-separated values, each trimmed; an empty entry is an error. */
  static List<String> list(Setting setting, String text) {
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

  static URI uri(String text) {
    try {
      return new URI(text);
    } catch (java.net.URISyntaxException e) {
      throw SettingChecks.invalid(Setting.JWKS_URI, "is not a URL: " + text);
    }
  }

  /** {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}, whole seconds, or ISO-8601 ({@code PT30S}). */
  static Duration duration(Setting setting, String text) {
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
    List<String> prefixes = list(Setting.PREFLIGHT_PATHS, text);
    for (String prefix : prefixes) {
      if (!prefix.startsWith("/")) {
        throw SettingChecks.invalid(Setting.PREFLIGHT_PATHS,
            "must list path prefixes starting with / (or be none): \"" + prefix + "\"");
      }
    }
    return PreflightSettings.under(prefixes.toArray(String[]::new));
  }

  static boolean bool(Setting setting, String text) {
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
      default -> throw SettingChecks.invalid(Setting.MODE, "must be enforce or shadow: \"" + text + "\"");
    };
  }

  static double fraction(Setting setting, String text) {
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw SettingChecks.invalid(setting, "must be a number between 0 and 1: \"" + text + "\"");
    }
  }

  static long count(Setting setting, String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw SettingChecks.invalid(setting, "must be a whole number: \"" + text + "\"");
    }
  }

  /** Looks settings up; blank values are unset, others are trimmed. */
  private record Values(Function<Setting, String> source) {
    java.util.Optional<String> get(Setting setting) {
      String value = source.apply(setting);
      return value == null || value.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(value.strip());
    }
  }
}
