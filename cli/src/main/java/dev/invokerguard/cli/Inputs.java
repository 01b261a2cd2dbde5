package dev.invokerguard.cli;

import dev.invokerguard.policy.LoadResult;
import dev.invokerguard.policy.PolicyLoader;
import dev.invokerguard.policy.RoleCatalog;
import dev.invokerguard.policy.PolicyText;
import dev.invokerguard.policy.source.PolicySourceException;
import dev.invokerguard.policy.source.PolicySources;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Reading the files and shared options of the commands. */
final class Inputs {
  private Inputs() {}

  /** The files of a comma-separated layer list. */
  static List<String> layers(String argument) throws UsageException {
    List<String> files = Arrays.stream(argument.split(",", -1)).map(String::trim).toList();
    if (files.stream().anyMatch(String::isEmpty)) {
      throw new UsageException("empty file name in \"" + argument + "\"");
    }
    return files;
  }

  /** A policy, deny policy or roles document, read the way the SDK reads its locations. */
  static PolicyText read(String file) throws InputException {
    try {
      return PolicySources.read(file);
    } catch (PolicySourceException e) {
      throw new InputException("cannot read " + file + ": " + e.getMessage());
    }
  }

  /**
   * The application's local layer of {@code --local-policy FILE} and {@code --public-paths P[,P]...}, as
   * {@code invokerguard.local-policy} and {@code invokerguard.public-paths} give it: the file, then the
   * public paths' policy.
   */
  static List<PolicyText> localLayer(Args args) throws UsageException, InputException {
    List<PolicyText> local = new java.util.ArrayList<>();
    if (args.value("local-policy").isPresent()) {
      local.add(read(args.value("local-policy").get()));
    }
    if (args.value("public-paths").isPresent()) {
      List<String> prefixes = Arrays.stream(args.value("public-paths").get().split(",", -1)).map(String::trim)
          .toList();
      try {
        local.add(dev.invokerguard.policy.PublicPaths.policy(prefixes));
      } catch (IllegalArgumentException e) {
        throw new UsageException("--public-paths: " + e.getMessage());
      }
    }
    return local;
  }

  static String readString(String file) throws InputException {
    try {
      return Files.readString(Path.of(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InputException("cannot read " + file + ": " + e);
    }
  }

  static PolicyLoader loader(Args args) throws UsageException, InputException {
    try {
      return PolicyLoader.builder().permission(permission(args)).roles(roles(args)).build();
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  /** The built-in roles, plus the custom roles of {@code --custom-roles FILE} (IAM {@code roles.get} JSON). */
  static RoleCatalog roles(Args args) throws UsageException, InputException {
    if (args.value("custom-roles").isEmpty()) {
      return RoleCatalog.builtIn();
    }
    String file = args.value("custom-roles").get();
    LoadResult<RoleCatalog> roles = RoleCatalog.builtIn().withCustomRoles(read(file));
    if (!roles.isLoaded()) {
      throw new InputException(file + ": the custom roles do not load:\n" + roles.errors().stream()
          .map(p -> "  " + p).collect(java.util.stream.Collectors.joining("\n")));
    }
    return roles.value();
  }

  static String permission(Args args) throws UsageException {
    return args.value("permission").orElse(PolicyLoader.DEFAULT_PERMISSION);
  }
}
