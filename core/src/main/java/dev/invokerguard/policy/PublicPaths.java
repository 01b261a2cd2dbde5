package dev.invokerguard.policy;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Path prefixes open to everyone ({@code invokerguard.public-paths}), written as the allow policy they stand
 * for: one {@code roles/run.invoker} binding of {@code allUsers} in the {@link PolicyLayer#LOCAL local}
 * layer, under an <a href="https://cloud.google.com/iam/docs/conditions-overview">IAM Condition</a> on
 * {@code request.path}. A prefix ending in {@code /} opens every path under it ({@code /public/} opens
 * {@code /public/a.css}, not {@code /public}); any other prefix opens that path and the paths under it
 * ({@code /healthz} opens {@code /healthz} and {@code /healthz/live}, not {@code /healthzz}).
 *
 * <p>A prefix starts with {@code /} and holds only unreserved and sub-delimiter characters of RFC 3986
 * (no {@code *}, {@code %}, {@code ,}, quotes or spaces), no empty segment and no {@code .} or {@code ..}
 * segment: the path firewall refuses such request paths, so such a prefix could never match as written.
 */
public final class PublicPaths {
  /** The name of the generated document, as traces and {@code lint} show it. */
  public static final String SOURCE = "invokerguard.public-paths";
  /** The role of the generated binding. */
  public static final String ROLE = "roles/run.invoker";
  private static final Pattern CHARACTERS = Pattern.compile("[A-Za-z0-9._~!$&'()+;=:@/-]+");

  private PublicPaths() {}

  /** Why {@code prefix} cannot be a public path prefix, or empty when it can. */
  public static Optional<String> problem(String prefix) {
    if (prefix == null || !prefix.startsWith("/")) {
      return Optional.of("must start with /: \"" + prefix + "\"");
    }
    if (prefix.contains("*")) {
      return Optional.of("is a prefix, not a pattern (no *): \"" + prefix + "\"");
    }
    if (!CHARACTERS.matcher(prefix).matches()) {
      return Optional.of("may hold only letters, digits, / and - . _ ~ ! $ & ' ( ) + ; = : @ (no %, quotes,"
          + " commas or spaces): \"" + prefix + "\"");
    }
    String body = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    if (body.isEmpty()) {
      return Optional.empty();
    }
    for (String segment : body.substring(1).split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        return Optional.of("must not hold an empty, . or .. segment: \"" + prefix + "\"");
      }
    }
    return Optional.empty();
  }

  /**
   * The local-layer allow policy that opens these prefixes to {@code allUsers}.
   *
   * @throws IllegalArgumentException when the list is empty or a prefix has a {@link #problem}
   */
  public static PolicyText policy(List<String> prefixes) {
    if (prefixes == null || prefixes.isEmpty()) {
      throw new IllegalArgumentException("no public path prefix given");
    }
    for (String prefix : prefixes) {
      problem(prefix).ifPresent(p -> {
        throw new IllegalArgumentException("public path prefix " + p);
      });
    }
    String expression = prefixes.stream().map(PublicPaths::condition).collect(Collectors.joining(" || "));
    String json = "{\"bindings\": [{\"role\": \"" + ROLE + "\", \"members\": [\"allUsers\"], \"condition\": {"
        + "\"title\": \"public paths\", \"expression\": \"" + expression.replace("\"", "\\\"") + "\"}}]}";
    return PolicyText.json(SOURCE, json);
  }

  private static String condition(String prefix) {
    if (prefix.endsWith("/")) {
      return "request.path.startsWith(\"" + prefix + "\")";
    }
    return "request.path == \"" + prefix + "\" || request.path.startsWith(\"" + prefix + "/\")";
  }
}
