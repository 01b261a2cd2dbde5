package dev.invokerguard.policy;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.types.CelKind;
import dev.cel.common.types.CelType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The second pass, over the type-checked condition: each call must resolve to an overload IAM documents for
 * Cloud Run's attributes ({@code ==}, {@code !=}, {@code startsWith}, {@code endsWith} on strings; ordering
 * on timestamps and on the integers the time getters return; timestamp ± duration; {@code timestamp()},
 * {@code date()} and {@code duration()} of a string literal; the getters on a timestamp with an optional
 * literal time zone). Standard CEL {@code contains}, {@code matches} and {@code in} on strings load with a
 * warning; the pattern of {@code matches} must be a string literal. Also collects the calls whose literal
 * arguments are worth trying once at load time, and the patterns to compile. See the
 * <a href="https://cloud.google.com/iam/docs/conditions-attribute-reference">IAM Conditions attribute
 * reference</a>.
 */
final class ConditionOverloadRules {

  private static final Set<String> ALLOWED_OVERLOADS =
      Set.of(
          "logical_and", "logical_or", "logical_not",
          "less_int64", "less_equals_int64", "greater_int64", "greater_equals_int64",
          "less_timestamp", "less_equals_timestamp", "greater_timestamp", "greater_equals_timestamp",
          "add_timestamp_duration", "add_duration_timestamp", "subtract_timestamp_duration",
          "starts_with_string", "ends_with_string",
          "contains_string", "matches_string", "matches", "in_list",
          "string_to_timestamp", "string_to_duration", IamTimeFunctions.DATE_OVERLOAD);

  private static final Set<String> EQUALITY_OVERLOADS = Set.of("equals", "not_equals");
  private static final Set<CelKind> EQUALITY_KINDS = Set.of(CelKind.STRING, CelKind.INT, CelKind.TIMESTAMP);
  private static final Set<String> LITERAL_CONVERSIONS = Set.of("timestamp", "date", "duration");

  /**
   * What the checked pass found.
   *
   * @param errors calls outside the allow-list
   * @param warnings standard CEL functions Cloud IAM may refuse
   * @param literalCalls calls whose only inputs are literals and {@code request.*}, to be tried once at load
   * @param patterns the pattern literals of {@code matches}, to be compiled once at load
   */
  record Findings(List<String> errors, List<String> warnings, List<CelExpr> literalCalls,
      List<String> patterns) {}

  private final CelAbstractSyntaxTree ast;
  private final Set<String> errors = new LinkedHashSet<>();
  private final Set<String> warnings = new LinkedHashSet<>();
  private final List<CelExpr> literalCalls = new ArrayList<>();
  private final Set<String> patterns = new LinkedHashSet<>();

  private ConditionOverloadRules(CelAbstractSyntaxTree ast) {
    this.ast = ast;
  }

  static Findings check(CelAbstractSyntaxTree checkedAst) {
    ConditionOverloadRules rules = new ConditionOverloadRules(checkedAst);
    rules.visit(checkedAst.getExpr());
    return new Findings(List.copyOf(rules.errors), List.copyOf(rules.warnings), List.copyOf(rules.literalCalls),
        List.copyOf(rules.patterns));
  }

  private void visit(CelExpr expr) {
    switch (expr.getKind()) {
      case CALL -> {
        // Operands first, so that a bad literal is blamed on the innermost call that holds it.
        expr.call().target().ifPresent(this::visit);
        expr.call().args().forEach(this::visit);
        visitCall(expr);
      }
      case LIST -> expr.list().elements().forEach(this::visit);
      case SELECT -> visit(expr.select().operand());
      default -> {}
    }
  }

  private void visitCall(CelExpr expr) {
    CelExpr.CelCall call = expr.call();
    String function = call.function();
    List<CelExpr> operands = operands(call);
    List<String> overloads =
        ast.getReference(expr.id()).map(reference -> List.copyOf(reference.overloadIds())).orElse(List.of());
    if (overloads.isEmpty() || !overloads.stream().allMatch(id -> isAllowed(function, id, operands))) {
      errors.add(ConditionNameRules.displayName(function) + " is not allowed on (" + typeNames(operands) + ")");
      return;
    }
    if (ConditionNameRules.UNDOCUMENTED_FUNCTIONS.contains(function)) {
      warnings.add(
          ConditionNameRules.displayName(function)
              + " is standard CEL but not documented for Cloud Run conditions; Cloud IAM may refuse it");
    }
    if (LITERAL_CONVERSIONS.contains(function)) {
      requireStringLiteral(function, call.args().get(0), "its argument");
      literalCalls.add(expr);
    } else if (ConditionNameRules.TIME_GETTERS.contains(function) && !call.args().isEmpty()) {
      requireStringLiteral(function, call.args().get(0), "its time zone");
      literalCalls.add(expr);
    } else if (function.equals("matches")) {
      // A pattern from the request would be compiled per request, unbounded: only literals, compiled at load.
      CelExpr pattern = operands.get(1);
      if (isStringLiteral(pattern)) {
        patterns.add(pattern.constant().stringValue());
      } else {
        errors.add(ConditionNameRules.displayName(function) + " takes a string literal as its pattern");
      }
    }
  }

  private boolean isAllowed(String function, String overload, List<CelExpr> operands) {
    if (EQUALITY_OVERLOADS.contains(overload)) {
      return operands.stream().allMatch(operand -> EQUALITY_KINDS.contains(kind(operand)));
    }
    if (overload.equals("in_list")) {
      return kind(operands.get(0)) == CelKind.STRING;
    }
    if (ConditionNameRules.TIME_GETTERS.contains(function)) {
      return overload.startsWith("timestamp_to_");
    }
    return ALLOWED_OVERLOADS.contains(overload);
  }

  private void requireStringLiteral(String function, CelExpr arg, String what) {
    if (!isStringLiteral(arg)) {
      errors.add(ConditionNameRules.displayName(function) + " takes a string literal as " + what);
    }
  }

  private static boolean isStringLiteral(CelExpr expr) {
    return expr.getKind() == CelExpr.ExprKind.Kind.CONSTANT
        && expr.constant().getKind() == dev.cel.common.ast.CelConstant.Kind.STRING_VALUE;
  }

  private static List<CelExpr> operands(CelExpr.CelCall call) {
    List<CelExpr> operands = new ArrayList<>(call.args().size() + 1);
    call.target().ifPresent(operands::add);
    operands.addAll(call.args());
    return operands;
  }

  private CelKind kind(CelExpr expr) {
    return ast.getType(expr.id()).map(CelType::kind).orElse(CelKind.ERROR);
  }

  private String typeNames(List<CelExpr> operands) {
    return operands.stream()
        .map(operand -> ast.getType(operand.id()).map(ConditionOverloadRules::typeName).orElse("?"))
        .collect(Collectors.joining(", "));
  }

  private static String typeName(CelType type) {
    return switch (type.kind()) {
      case TIMESTAMP -> "timestamp";
      case DURATION -> "duration";
      default -> type.name();
    };
  }
}
