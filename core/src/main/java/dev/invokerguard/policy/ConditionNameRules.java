package dev.invokerguard.policy;

import dev.cel.common.ast.CelExpr;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The first pass over a parsed condition: which identifiers, functions and expression forms a Cloud Run
 * invoker condition may use, and IAM's limit of 12 logical operators per condition. Runs before type
 * checking so that an unknown name is reported by name rather than as a type error. See the
 * <a href="https://cloud.google.com/iam/docs/conditions-attribute-reference">IAM Conditions attribute
 * reference</a> and <a href="https://cloud.google.com/iam/quotas">IAM limits</a>.
 */
final class ConditionNameRules {

  /** IAM's limit on {@code &&}, {@code ||} and {@code !} in one condition expression. */
  static final int MAX_LOGICAL_OPERATORS = 12;

  static final Set<String> LOGICAL_OPERATORS = Set.of("_&&_", "_||_", "!_");

  static final Set<String> TIME_GETTERS =
      Set.of(
          "getDate",
          "getDayOfMonth",
          "getDayOfWeek",
          "getDayOfYear",
          "getFullYear",
          "getHours",
          "getMilliseconds",
          "getMinutes",
          "getMonth",
          "getSeconds");

  /** Standard CEL functions that load with a warning: IAM does not document them for these attributes. */
  static final Set<String> UNDOCUMENTED_FUNCTIONS = Set.of("contains", "matches", "@in");

  private static final Set<String> DOCUMENTED_FUNCTIONS =
      Set.of(
          "_&&_", "_||_", "!_", "_==_", "_!=_", "_<_", "_<=_", "_>_", "_>=_", "_+_", "_-_",
          "startsWith", "endsWith", "timestamp", "date", "duration");

  private final Set<String> errors = new LinkedHashSet<>();
  private int logicalOperators;

  private ConditionNameRules() {}

  /** Every rule the parsed expression breaks, each naming the identifier, function, form or limit. */
  static List<String> check(CelExpr root) {
    ConditionNameRules rules = new ConditionNameRules();
    rules.visit(root, false);
    if (rules.logicalOperators > MAX_LOGICAL_OPERATORS) {
      rules.errors.add(
          "the condition has "
              + rules.logicalOperators
              + " logical operators (&&, ||, !); IAM allows at most "
              + MAX_LOGICAL_OPERATORS);
    }
    return List.copyOf(rules.errors);
  }

  /** How an error message names a CEL function: operators without their placeholders ({@code _<_} as {@code <}). */
  static String displayName(String function) {
    if (function.equals("@in")) {
      return "operator 'in'";
    }
    if (function.startsWith("_") || function.endsWith("_")) {
      return "operator '" + function.replace("_", "") + "'";
    }
    return "function '" + function + "'";
  }

  private void visit(CelExpr expr, boolean listAllowed) {
    switch (expr.getKind()) {
      case CONSTANT -> {}
      case IDENT, SELECT -> visitName(expr);
      case CALL -> visitCall(expr.call());
      case LIST -> {
        if (!listAllowed) {
          errors.add("a list literal is allowed only on the right of 'in'");
        }
        expr.list().elements().forEach(element -> visit(element, false));
      }
      case MAP -> errors.add("map literals are not allowed");
      case STRUCT -> errors.add("message construction ('" + expr.struct().messageName() + "{...}') is not allowed");
      case COMPREHENSION -> errors.add("comprehensions are not allowed");
      case NOT_SET -> errors.add("the condition holds an empty expression");
    }
  }

  private void visitName(CelExpr expr) {
    String name = qualifiedName(expr);
    if (name == null) {
      // A field read on something other than a name, such as request.time.getHours().seconds.
      errors.add("field selection '." + expr.select().field() + "' is not allowed");
      visit(expr.select().operand(), false);
    } else if (!IamCelEnvironment.VARIABLES.contains(name)) {
      errors.add(
          "identifier '" + name + "' is not allowed; a Cloud Run condition reads only request.host, "
              + "request.path and request.time");
    }
  }

  private void visitCall(CelExpr.CelCall call) {
    String function = call.function();
    if (LOGICAL_OPERATORS.contains(function)) {
      logicalOperators++;
    }
    if (!DOCUMENTED_FUNCTIONS.contains(function)
        && !TIME_GETTERS.contains(function)
        && !UNDOCUMENTED_FUNCTIONS.contains(function)) {
      errors.add(displayName(function) + " is not allowed in a Cloud Run condition");
    }
    call.target().ifPresent(target -> visit(target, false));
    List<CelExpr> args = call.args();
    for (int i = 0; i < args.size(); i++) {
      visit(args.get(i), function.equals("@in") && i == 1);
    }
  }

  /** {@code a.b.c} for a chain of field selections ending at an identifier, else {@code null}. */
  private static String qualifiedName(CelExpr expr) {
    return switch (expr.getKind()) {
      case IDENT -> expr.ident().name();
      case SELECT -> {
        if (expr.select().testOnly()) {
          yield null;
        }
        String operand = qualifiedName(expr.select().operand());
        yield operand == null ? null : operand + "." + expr.select().field();
      }
      default -> null;
    };
  }
}
