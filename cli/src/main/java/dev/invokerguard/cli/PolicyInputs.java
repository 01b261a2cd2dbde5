package dev.invokerguard.cli;

import dev.invokerguard.policy.DenyPolicy;
import dev.invokerguard.policy.LoadResult;
import dev.invokerguard.policy.LoadedDenyPolicy;
import dev.invokerguard.policy.PolicyLayer;
import dev.invokerguard.policy.PolicyLoader;
import dev.invokerguard.policy.PolicyProblem;
import dev.invokerguard.policy.PolicyText;
import dev.invokerguard.policy.RoleCatalog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The documents of {@code explain} ({@code --policy} layers, {@code --deny}, {@code --custom-roles}), loaded
 * as {@code lint} loads them so that their warnings can be repeated and their errors listed.
 *
 * @param allow the allow policies, project layers then the service layer
 * @param local the application's local layer ({@code --local-policy}, {@code --public-paths})
 * @param deny the deny policies
 * @param roles the built-in roles and the custom roles
 * @param permission the permission a request needs
 * @param warnings every document's load warnings, custom roles first
 * @param denyPolicies the deny policies as read, by source
 */
record PolicyInputs(List<PolicyText> allow, List<PolicyText> local, List<PolicyText> deny, RoleCatalog roles, String permission,
    List<PolicyProblem> warnings, Map<String, DenyPolicy> denyPolicies) {

  static PolicyInputs load(Args args) throws UsageException, InputException {
    List<PolicyProblem> warnings = new ArrayList<>();
    RoleCatalog roles = RoleCatalog.builtIn();
    if (args.value("custom-roles").isPresent()) {
      String file = args.value("custom-roles").get();
      LoadResult<RoleCatalog> custom = roles.withCustomRoles(Inputs.read(file));
      if (!custom.isLoaded()) {
        throw new InputException(file + ": the custom roles do not load:\n" + lines(custom.errors()));
      }
      warnings.addAll(custom.warnings());
      roles = custom.value();
    }
    String permission = Inputs.permission(args);
    PolicyLoader loader;
    try {
      loader = PolicyLoader.builder().permission(permission).roles(roles).build();
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    List<PolicyProblem> errors = new ArrayList<>();
    List<String> files = Inputs.layers(args.required("policy"));
    List<PolicyText> allow = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      PolicyText text = Inputs.read(files.get(i));
      LoadResult<?> result = loader.loadAllow(text, PolicyLayer.ofPosition(i, files.size()));
      errors.addAll(result.errors());
      warnings.addAll(result.warnings());
      allow.add(text);
    }
    List<PolicyText> local = Inputs.localLayer(args);
    for (PolicyText text : local) {
      LoadResult<?> result = loader.loadAllow(text, PolicyLayer.LOCAL);
      errors.addAll(result.errors());
      warnings.addAll(result.warnings());
    }
    List<PolicyText> deny = new ArrayList<>();
    Map<String, DenyPolicy> denyPolicies = new LinkedHashMap<>();
    for (String file : args.values("deny")) {
      PolicyText text = Inputs.read(file);
      LoadResult<LoadedDenyPolicy> result = loader.loadDeny(text);
      errors.addAll(result.errors());
      warnings.addAll(result.warnings());
      result.loaded().ifPresent(p -> denyPolicies.put(p.source(), p.policy()));
      deny.add(text);
    }
    if (!errors.isEmpty()) {
      List<PolicyProblem> all = new ArrayList<>(errors);
      all.addAll(warnings);
      throw new InputException("the policy does not load:\n" + lines(all) + "\n(run invokerguard lint for details)");
    }
    return new PolicyInputs(List.copyOf(allow), List.copyOf(local), List.copyOf(deny), roles, permission, List.copyOf(warnings),
        Map.copyOf(denyPolicies));
  }

  private static String lines(List<PolicyProblem> problems) {
    return problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n"));
  }
}
