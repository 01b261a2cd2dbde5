package dev.invokerguard.cli;

import dev.invokerguard.Explanation;
import dev.invokerguard.InvokerGuard;
import dev.invokerguard.InvokerGuardBuilder;
import dev.invokerguard.InvokerGuardConfigurationException;
import dev.invokerguard.identity.Caller;
import dev.invokerguard.policy.PolicyLayer;
import dev.invokerguard.policy.PolicyLoadException;
import dev.invokerguard.request.AccessRequest;
import dev.invokerguard.token.TokenError;
import dev.invokerguard.token.TokenVerification;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;

/**
 * {@code explain}: the decision the SDK takes for one request, with its full trace, from
 * {@link InvokerGuard#explain}, and what the trace cannot know (simulated groups and domain, why a token
 * was rejected in the terms of the inputs, the policies' load warnings). Exit 0 for ALLOW, 3 for every DENY.
 */
final class ExplainCommand {
  static final String USAGE = """
      usage: invokerguard explain --policy FILE[,FILE]... (--member MEMBER | --token JWT) --path /P [options]
        the decision InvokerGuard takes for one request, and why
        --policy FILE[,FILE]...  allow policy layers: project layers, then the service's policy (JSON or YAML)
        --local-policy FILE       the application's local layer, as in invokerguard.local-policy
        --public-paths P[,P]...   path prefixes open to everyone, as in invokerguard.public-paths
        --member MEMBER[,MEMBER]  the caller as IAM members: user:EMAIL, serviceAccount:EMAIL, firebase:UID,
                                  firebaseTenantUser:TENANT/UID, allAuthenticatedUsers or allUsers, then any
                                  group: or domain: members
        --token JWT               a Google-signed ID token, verified as the SDK verifies it
        --path /P                 the request path (starts with /)
        --host H                  the Host header (default localhost)
        --method M                the request method (default GET)
        --time RFC3339            request.time and the time tokens are checked at (default now)
        --groups G[,G]...         groups the caller is in (group emails)
        --groups-file FILE        group memberships as invokerguard.groups reads them
        --hd DOMAIN               the hd claim of the caller's token (domain: members match only through it)
        --audience A[,A]...       accepted token audiences (required with --token)
        --jwks-file FILE          verify against this key set (offline) instead of Google's keys
        --jwks-uri URL            fetch keys from this URL instead of Google's
        --issuer ISS              trust this issuer instead of Google's (repeatable)
        --deny FILE               an IAM v2 deny policy (repeatable)
        --custom-roles FILE       custom roles, as gcloud iam roles describe prints them
        --permission P            the permission a request needs (default run.routes.invoke)
        --json                    print one JSON document
      exit: 0 ALLOW, 3 DENY (any status), 1 usage or input error (no verdict printed)
      """;

  private static final Set<String> VALUED = Set.of("policy", "deny", "custom-roles", "token", "member", "host",
      "path", "method", "time", "audience", "jwks-uri", "jwks-file", "issuer", "permission", "groups",
      "groups-file", "hd", "local-policy", "public-paths");

  private ExplainCommand() {}

  static int run(List<String> rest, PrintStream out) throws UsageException, InputException {
    Args args = Args.parse(rest, VALUED, Set.of("json"));
    if (!args.positionals().isEmpty()) {
      throw new UsageException("explain takes no arguments: " + args.positionals());
    }
    args.required("policy");
    String path = args.required("path");
    if (!path.startsWith("/")) {
      throw new UsageException("--path must start with /, as a request path does: \"" + path + "\"");
    }
    boolean byToken = args.value("token").isPresent();
    if (byToken == args.value("member").isPresent()) {
      throw new UsageException("give exactly one of --token and --member");
    }
    if (!byToken && (args.value("audience").isPresent() || args.value("jwks-uri").isPresent()
        || args.value("jwks-file").isPresent() || !args.values("issuer").isEmpty())) {
      throw new UsageException("--audience, --jwks-uri, --jwks-file and --issuer go with --token");
    }
    Membership membership = Membership.of(args);
    Instant time = time(args);
    Clock clock = Clock.fixed(time, ZoneOffset.UTC);
    PolicyInputs policies = PolicyInputs.load(args);
    AccessRequest.Builder request = AccessRequest.builder(args.value("method").orElse("GET"),
        args.value("host").orElse("localhost"), path);

    ExplainedToken token = null;
    Caller asCaller = null;
    if (byToken) {
      token = ExplainedToken.of(args, clock, membership.hostedDomain());
      request.header("Authorization", "Bearer " + token.headerValue());
    } else {
      asCaller = memberCaller(args.required("member"), membership);
    }
    InvokerGuardBuilder builder = InvokerGuard.builder()
        .verifier(token != null ? token.verifier() : t -> TokenVerification.rejected(TokenError.MALFORMED, "none"))
        .clock(clock).permission(policies.permission()).roles(policies.roles())
        .groupResolver(membership.resolver()).groupCacheTtl(Duration.ZERO);
    for (int i = 0; i < policies.allow().size(); i++) {
      builder.allowPolicy(policies.allow().get(i), PolicyLayer.ofPosition(i, policies.allow().size()));
    }
    policies.local().forEach(text -> builder.allowPolicy(text, PolicyLayer.LOCAL));
    policies.deny().forEach(builder::denyPolicy);
    Explanation explanation;
    try {
      InvokerGuard guard = builder.build();
      explanation = asCaller == null ? guard.explain(request.build()) : guard.explain(request.build(), asCaller);
    } catch (PolicyLoadException | InvokerGuardConfigurationException e) {
      throw new InputException(e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    } finally {
      if (token != null) {
        token.close();
      }
    }
    TokenRejection rejection = token == null ? null : token.rejection(explanation.decision().tokenError());
    Caller caller = explanation.decision().caller();
    TraceNotes.Context context = new TraceNotes.Context(membership.groupsKnown()
        || caller.members().stream().anyMatch(m -> m.startsWith("group:")), caller.anonymous(),
        caller.members().stream().anyMatch(m -> m.startsWith("domain:")), byToken, policies.warnings(),
        policies.denyPolicies());
    Explanation annotated = explanation.trace() == null ? explanation
        : new Explanation(explanation.decision(), explanation.time(), explanation.policyEtag(),
            explanation.policyOrigin(), TraceNotes.annotate(explanation.trace(), context));
    out.print(args.flag("json") ? ExplainJson.write(annotated, rejection, policies.warnings()) + "\n"
        : ExplainText.render(annotated, rejection, policies.warnings()));
    return annotated.decision().allowed() ? Main.OK : Main.DENY;
  }

  private static Caller memberCaller(String members, Membership membership) throws UsageException {
    try {
      Caller caller = membership.caller(List.of(members.split(",")));
      if (caller.anonymous() && membership.simulates()) {
        throw new UsageException("--groups, --groups-file and --hd describe an authenticated caller, and "
            + members + " is anonymous");
      }
      return caller;
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
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
}
