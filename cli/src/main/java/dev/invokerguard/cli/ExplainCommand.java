package dev.invokerguard.cli;

import dev.invokerguard.request.AccessRequest;
import dev.invokerguard.Explanation;
import dev.invokerguard.InvokerGuard;
import dev.invokerguard.InvokerGuardBuilder;
import dev.invokerguard.InvokerGuardConfigurationException;
import dev.invokerguard.identity.Callers;
import dev.invokerguard.policy.PolicyLayer;
import dev.invokerguard.policy.PolicyLoadException;
import dev.invokerguard.token.GoogleIdTokenVerifier;
import dev.invokerguard.token.IdTokenVerifier;
import dev.invokerguard.token.TokenError;
import dev.invokerguard.token.TokenFamily;
import dev.invokerguard.token.TokenVerification;
import java.io.PrintStream;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code explain}: the decision the SDK takes for one request, with its full trace, from
 * {@link InvokerGuard#explain}. Exit 0 for allow, 3 for deny.
 */
final class ExplainCommand {
  private static final Set<String> VALUED = Set.of("policy", "deny", "custom-roles", "token", "member", "host",
      "path", "method", "time", "audience", "jwks-uri", "jwks-file", "issuer", "permission");

  private ExplainCommand() {}

  static int run(List<String> rest, PrintStream out) throws UsageException, InputException {
    Args args = Args.parse(rest, VALUED, Set.of("json"));
    if (!args.positionals().isEmpty()) {
      throw new UsageException("explain takes no arguments: " + args.positionals());
    }
    List<String> policies = Inputs.layers(args.required("policy"));
    String path = args.required("path");
    boolean byToken = args.value("token").isPresent();
    if (byToken == args.value("member").isPresent()) {
      throw new UsageException("give exactly one of --token and --member");
    }
    if (args.value("jwks-uri").isPresent() && args.value("jwks-file").isPresent()) {
      throw new UsageException("give at most one of --jwks-uri and --jwks-file");
    }
    Clock clock = Clock.fixed(time(args), ZoneOffset.UTC);
    IdTokenVerifier verifier = byToken ? verifier(args, clock)
        : token -> TokenVerification.rejected(TokenError.MALFORMED, "no token");
    InvokerGuardBuilder builder = InvokerGuard.builder().verifier(verifier).clock(clock)
        .permission(Inputs.permission(args)).roles(Inputs.roles(args));
    for (int i = 0; i < policies.size(); i++) {
      builder.allowPolicy(Inputs.read(policies.get(i)),
          PolicyLayer.ofPosition(i, policies.size()));
    }
    for (String deny : args.values("deny")) {
      builder.denyPolicy(Inputs.read(deny));
    }
    InvokerGuard guard;
    try {
      guard = builder.build();
    } catch (PolicyLoadException e) {
      throw new InputException("the policy does not load:\n" + e.problems().stream()
          .map(p -> "  " + p).collect(Collectors.joining("\n")) + "\n(run invokerguard lint for details)");
    } catch (InvokerGuardConfigurationException e) {
      throw new UsageException(e.getMessage());
    }
    AccessRequest.Builder request = AccessRequest.builder(args.value("method").orElse("GET"),
        args.value("host").orElse("localhost"), path);
    Explanation explanation;
    if (byToken) {
      explanation = guard.explain(request.header("Authorization", "Bearer " + args.required("token")).build());
    } else {
      try {
        explanation = guard.explain(request.build(),
            Callers.fromMembers(List.of(args.required("member").split(","))));
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage());
      }
    }
    if (verifier instanceof GoogleIdTokenVerifier closeable) {
      closeable.close();
    }
    out.print(args.flag("json") ? ExplainJson.write(explanation) + "\n" : explanation.text());
    int status = explanation.decision().status();
    if (status == 400 || status == 503) {
      return Main.ERROR;
    }
    return explanation.decision().allowed() ? Main.OK : Main.DENY;
  }

  private static Instant time(Args args) throws UsageException {
    String text = args.value("time").orElse(null);
    if (text == null) {
      return Instant.now();
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw new UsageException("--time must be RFC 3339, e.g. 2026-01-31T12:00:00Z: \"" + text + "\"");
    }
  }

  private static IdTokenVerifier verifier(Args args, Clock clock) throws UsageException, InputException {
    String audience = args.required("audience");
    try {
      TokenFamily family = TokenFamily.google(List.of(audience));
      if (!args.values("issuer").isEmpty()) {
        family = family.withIssuers(args.values("issuer"));
      }
      if (args.value("jwks-uri").isPresent()) {
        family = family.withKeySetUri(URI.create(args.value("jwks-uri").get()));
      }
      GoogleIdTokenVerifier.Builder builder = GoogleIdTokenVerifier.builder().clock(clock);
      if (args.value("jwks-file").isPresent()) {
        String file = args.value("jwks-file").get();
        try {
          builder.family(family, Inputs.readString(file));
        } catch (IllegalArgumentException e) {
          throw new InputException(file + ": " + e.getMessage());
        }
      } else {
        builder.family(family);
      }
      return builder.build();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new UsageException(e.getMessage());
    }
  }
}
