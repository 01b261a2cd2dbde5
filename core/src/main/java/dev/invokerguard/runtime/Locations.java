package dev.invokerguard.runtime;

import dev.invokerguard.policy.PolicyText;
import dev.invokerguard.policy.source.PolicySourceException;
import dev.invokerguard.policy.source.PolicySources;

/**
 * Reads the document a setting names (a file path, a {@code file:} location or a {@code classpath:}
 * resource) the one way documents are read ({@link PolicySources#read}); a failure names the setting.
 */
final class Locations {
  private Locations() {}

  static PolicyText read(SettingKey setting, String location) {
    try {
      return PolicySources.read(location);
    } catch (PolicySourceException e) {
      throw SettingChecks.invalid(setting, "names " + location + ": " + e.getMessage());
    }
  }
}
