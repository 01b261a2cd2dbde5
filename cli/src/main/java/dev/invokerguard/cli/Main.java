package dev.invokerguard.cli;

import java.io.PrintStream;
import java.util.List;

/**
 * {@code invokerguard}: {@code lint} policies, {@code explain} a decision, mint a {@code token}. Exit
 * status: 0 allow (or no lint error), 3 deny, 1 usage or input error (or a lint error).
 */
public final class Main {
  static final int OK = 0;
  static final int ERROR = 1;
  static final int DENY = 3;

  static final String USAGE = """
      usage:
        invokerguard lint POLICY[,POLICY]... [--deny FILE]... [--permission P] [--custom-roles FILE]
        invokerguard explain --policy FILE[,FILE] (--token JWT | --member user:a@b.com) --path P
            [--host H] [--method GET] [--time RFC3339] [--audience A] [--jwks-uri U | --jwks-file F]
            [--issuer ISS]... [--deny FILE]... [--permission P] [--custom-roles FILE] [--json]
        invokerguard token --audience A [--include-email]
      exit: 0 allow / lint clean, 3 deny, 1 usage or input error / lint errors
      """;

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(List.of(args), System.out, System.err));
  }

  static int run(List<String> args, PrintStream out, PrintStream err) {
    if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("help")) {
      (args.isEmpty() ? err : out).print(USAGE);
      return args.isEmpty() ? ERROR : OK;
    }
    List<String> rest = args.subList(1, args.size());
    try {
      return switch (args.get(0)) {
        case "lint" -> LintCommand.run(rest, out);
        case "explain" -> ExplainCommand.run(rest, out);
        case "token" -> TokenCommand.run(rest, out);
        default -> throw new UsageException("unknown command \"" + args.get(0) + "\"");
      };
    } catch (UsageException e) {
      err.println("invokerguard: " + e.getMessage());
      err.print(USAGE);
      return ERROR;
    } catch (InputException e) {
      err.println("invokerguard: " + e.getMessage());
      return ERROR;
    }
  }
}
