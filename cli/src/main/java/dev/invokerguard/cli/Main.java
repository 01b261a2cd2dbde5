package dev.invokerguard.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Properties;

/**
 * {@code invokerguard}: {@code lint} policies, {@code explain} a decision, mint a {@code token}. Exit
 * status: 0 ALLOW (or no lint error), 3 DENY (whatever its status), 1 usage or input error (or lint errors);
 * a command that exits 1 printed no verdict.
 */
public final class Main {
  static final int OK = 0;
  static final int ERROR = 1;
  static final int DENY = 3;

  static final String USAGE = """
      usage: invokerguard COMMAND [options]
        lint      every problem and warning of policy documents, with its location
        explain   the decision InvokerGuard takes for one request, and why
        token     mint a Google ID token with Application Default Credentials
      invokerguard COMMAND --help shows a command's options; invokerguard --version its version
      exit: 0 ALLOW / lint clean, 3 DENY, 1 usage or input error / lint errors
      """;

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(List.of(args), System.out, System.err));
  }

  static int run(List<String> args, PrintStream out, PrintStream err) {
    if (args.isEmpty()) {
      err.print(USAGE);
      return ERROR;
    }
    String command = args.get(0);
    List<String> rest = args.subList(1, args.size());
    switch (command) {
      case "--help", "-h" -> {
        out.print(USAGE);
        return OK;
      }
      case "help" -> {
        String topic = rest.isEmpty() ? USAGE : usage(rest.get(0));
        if (topic == null) {
          err.println("invokerguard: unknown command \"" + rest.get(0) + "\"");
          err.print(USAGE);
          return ERROR;
        }
        out.print(topic);
        return OK;
      }
      case "--version" -> {
        out.println("invokerguard " + version());
        return OK;
      }
      default -> { }
    }
    String usage = usage(command);
    if (usage != null && (rest.contains("--help") || rest.contains("-h"))) {
      out.print(usage);
      return OK;
    }
    try {
      return switch (command) {
        case "lint" -> LintCommand.run(rest, out);
        case "explain" -> ExplainCommand.run(rest, out);
        case "token" -> TokenCommand.run(rest, out);
        default -> throw new UsageException("unknown command \"" + command + "\"");
      };
    } catch (UsageException e) {
      err.println("invokerguard: " + e.getMessage());
      err.print(usage == null ? USAGE : usage.lines().findFirst().orElse("") + "\n(invokerguard " + command
          + " --help lists every option)\n");
      return ERROR;
    } catch (InputException e) {
      err.println("invokerguard: " + e.getMessage());
      return ERROR;
    }
  }

  private static String usage(String command) {
    return switch (command) {
      case "lint" -> LintCommand.USAGE;
      case "explain" -> ExplainCommand.USAGE;
      case "token" -> TokenCommand.USAGE;
      default -> null;
    };
  }

  /** The version this jar was built as. */
  static String version() {
    Properties properties = new Properties();
    try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      return "unknown";
    }
    return properties.getProperty("version", "unknown");
  }
}
