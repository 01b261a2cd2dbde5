package dev.invokerguard;

import java.util.Locale;

/**
 * Whether decisions are enforced ({@code invokerguard.mode}). In {@link #SHADOW} mode every request passes;
 * the decision enforce mode would have taken is still reported to listeners, logged and counted, so a
 * service can move from Cloud Run's own invoker check to InvokerGuard after reading what would be denied.
 */
public enum EnforcementMode {
  /** Denials are answered with their status (the default). */
  ENFORCE,
  /** Denials pass, marked {@link Decision#shadowed()}. */
  SHADOW;

  /** Reads {@code enforce} or {@code shadow}, in any case. */
  public static EnforcementMode parse(String value) {
    String text = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    return switch (text) {
      case "enforce" -> ENFORCE;
      case "shadow" -> SHADOW;
      default -> throw new InvokerGuardConfigurationException(ConfigurationErrorCode.INVALID_SETTING,
          "mode must be enforce or shadow: \"" + value + "\"");
    };
  }
}
