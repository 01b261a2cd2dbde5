package dev.invokerguard.cli;

import dev.invokerguard.policy.LoadResult;
import dev.invokerguard.policy.PolicyLayer;
import dev.invokerguard.policy.PolicyLoader;
import dev.invokerguard.policy.PolicyProblem;
import dev.invokerguard.policy.PolicyText;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code lint POLICY[,POLICY]... [--local-policy FILE] [--public-paths P] [--deny FILE]... [--permission P]
 * [--custom-roles FILE]}: loads each argument's layers as the SDK does (comma-separated: project layers, then
 * the service layer; the application's local layer apart) and prints every problem with its location. Exit 1
 * when any document has an error.
 */
final class LintCommand {
  static final String USAGE = """
      usage: invokerguard lint POLICY[,POLICY]... [--local-policy FILE] [--public-paths P[,P]...]
                               [--deny FILE]... [--custom-roles FILE] [--permission P]
        every problem and warning of each document, with its location, loaded as the SDK loads it
        POLICY[,POLICY]...   allow policy layers, as in invokerguard.policy: project layers, then the
                             service's policy (JSON or YAML, as gcloud ... get-iam-policy prints them)
        --local-policy FILE  the application's local layer, as in invokerguard.local-policy
        --public-paths P     path prefixes open to everyone, as in invokerguard.public-paths
        --deny FILE          an IAM v2 deny policy (repeatable)
        --custom-roles FILE  custom roles, as gcloud iam roles describe prints them
        --permission P       the permission a request needs (default run.routes.invoke)
      exit: 0 no error (warnings allowed), 1 errors, or a usage or input error
      """;

  private LintCommand() {}

  static int run(List<String> rest, PrintStream out) throws UsageException, InputException {
    Args args = Args.parse(rest, Set.of("deny", "permission", "custom-roles", "local-policy", "public-paths"),
        Set.of());
    List<PolicyText> local = Inputs.localLayer(args);
    if (args.positionals().isEmpty() && args.values("deny").isEmpty() && local.isEmpty()) {
      throw new UsageException("lint needs at least one policy file");
    }
    PolicyLoader loader = Inputs.loader(args);
    int errors = 0;
    int warnings = 0;
    for (String argument : args.positionals()) {
      List<String> files = Inputs.layers(argument);
      for (int i = 0; i < files.size(); i++) {
        PolicyLayer layer = PolicyLayer.ofPosition(i, files.size());
        LoadResult<?> result = loader.loadAllow(Inputs.read(files.get(i)), layer);
        errors += report(out, files.get(i), layer.name().toLowerCase(java.util.Locale.ROOT) + " policy",
            result);
        warnings += result.warnings().size();
      }
    }
    for (PolicyText text : local) {
      LoadResult<?> result = loader.loadAllow(text, PolicyLayer.LOCAL);
      errors += report(out, text.name(), "local policy", result);
      warnings += result.warnings().size();
    }
    for (String file : args.values("deny")) {
      LoadResult<?> result = loader.loadDeny(Inputs.read(file));
      errors += report(out, file, "deny policy", result);
      warnings += result.warnings().size();
    }
    out.println(errors + " error(s), " + warnings + " warning(s)");
    return errors > 0 ? Main.ERROR : Main.OK;
  }

  private static int report(PrintStream out, String file, String kind, LoadResult<?> result) {
    out.println((result.isLoaded() ? "ok     " : "FAILED ") + file + " (" + kind + ")");
    List<PolicyProblem> all = new ArrayList<>(result.errors());
    all.addAll(result.warnings());
    for (PolicyProblem problem : all) {
      out.println("  " + problem);
    }
    return result.errors().size();
  }
}
