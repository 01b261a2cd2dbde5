package dev.invokerguard.policy;

import java.util.regex.Pattern;

/**
 * Permissions in the IAM v2 form of deny policies, {@code SERVICE_FQDN/RESOURCE.ACTION}, with the
 * wildcards deny policies accept ({@code SERVICE_FQDN/*}, {@code SERVICE_FQDN/RESOURCE.*},
 * {@code SERVICE_FQDN/*.ACTION}). See
 * <a href="https://cloud.google.com/iam/docs/deny-permissions-support">Permissions supported in deny policies</a>.
 */
final class DenyPermissions {
  private static final String NAME = "[A-Za-z0-9]+(\\.[A-Za-z0-9]+)*";
  private static final Pattern V2 = Pattern.compile(
      "[a-z0-9-]+(\\.[a-z0-9-]+)+/(\\*|(" + NAME + "|\\*)\\.([A-Za-z0-9]+|\\*))");
  private static final Pattern V1 = Pattern.compile("[a-z0-9]+\\." + NAME + "\\.[A-Za-z0-9]+");

  private DenyPermissions() {}

  static boolean isV1(String permission) {
    return V1.matcher(permission).matches();
  }

  static boolean isV2(String permission) {
    return V2.matcher(permission).matches();
  }

  /** {@code run.routes.invoke} → {@code run.googleapis.com/routes.invoke}. */
  static String toV2(String v1Permission) {
    int dot = v1Permission.indexOf('.');
    return v1Permission.substring(0, dot) + ".googleapis.com/" + v1Permission.substring(dot + 1);
  }

  /** Whether a (possibly wildcard) v2 permission covers a concrete v2 permission. */
  static boolean covers(String pattern, String permission) {
    int slash = pattern.indexOf('/');
    if (slash < 0 || !permission.startsWith(pattern.substring(0, slash + 1))) {
      return false;
    }
    String rest = pattern.substring(slash + 1);
    String target = permission.substring(slash + 1);
    if (rest.equals("*")) {
      return true;
    }
    int dot = rest.lastIndexOf('.');
    int targetDot = target.lastIndexOf('.');
    if (dot < 0 || targetDot < 0) {
      return false;
    }
    return part(rest.substring(0, dot), target.substring(0, targetDot))
        && part(rest.substring(dot + 1), target.substring(targetDot + 1));
  }

  private static boolean part(String pattern, String value) {
    return pattern.equals("*") || pattern.equals(value);
  }
}
