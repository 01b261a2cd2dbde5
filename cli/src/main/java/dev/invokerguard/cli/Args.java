package dev.invokerguard.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Options ({@code --name value}, {@code --name=value}, flags) and positional arguments of one command. */
final class Args {
  private final Map<String, List<String>> options = new LinkedHashMap<>();
  private final List<String> positionals = new ArrayList<>();

  private Args() {}

  /**
   * @param valued options that take a value
   * @param flags options that take none
   */
  static Args parse(List<String> args, Set<String> valued, Set<String> flags) throws UsageException {
    Args parsed = new Args();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (!arg.startsWith("--")) {
        parsed.positionals.add(arg);
        continue;
      }
      int eq = arg.indexOf('=');
      String name = (eq < 0 ? arg : arg.substring(0, eq)).substring(2);
      if (flags.contains(name) && eq < 0) {
        parsed.options.computeIfAbsent(name, k -> new ArrayList<>()).add("true");
      } else if (valued.contains(name)) {
        String value;
        if (eq >= 0) {
          value = arg.substring(eq + 1);
        } else if (i + 1 < args.size()) {
          value = args.get(++i);
        } else {
          throw new UsageException("--" + name + " needs a value");
        }
        parsed.options.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
      } else {
        throw new UsageException("unknown option --" + name);
      }
    }
    return parsed;
  }

  Optional<String> value(String name) throws UsageException {
    List<String> values = options.get(name);
    if (values == null) {
      return Optional.empty();
    }
    if (values.size() > 1) {
      throw new UsageException("--" + name + " given more than once");
    }
    return Optional.of(values.get(0));
  }

  String required(String name) throws UsageException {
    return value(name).orElseThrow(() -> new UsageException("--" + name + " is required"));
  }

  List<String> values(String name) {
    return options.getOrDefault(name, List.of());
  }

  boolean flag(String name) {
    return options.containsKey(name);
  }

  List<String> positionals() {
    return positionals;
  }
}
