package dev.invokerguard.policy;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.ast.CelExpr;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles IAM Condition expressions for Cloud Run's invoker permission with cel-java. An expression is
 * parsed, checked against {@link ConditionNameRules}, type-checked as a {@code bool} over
 * {@code request.host}, {@code request.path} and {@code request.time}, checked against
 * {@link ConditionOverloadRules}, and compiled into a program. Calls with literal arguments
 * ({@code timestamp("...")}, {@code date("...")}, {@code duration("...")}, time zones, regular expressions) are
 * tried once here: an invalid literal loads with a warning and the condition never grants, as IAM documents.
 * See the <a href="https://cloud.google.com/iam/docs/conditions-attribute-reference">IAM Conditions attribute
 * reference</a>. Thread-safe; the CEL environment is built once per process.
 */
final class CelConditionCompiler implements ConditionCompiler {

  private static final int MAX_LITERAL_ECHO = 64;

  /** Values for trying literal calls at load time; only the literals decide whether such a call fails. */
  private static final ConditionContext PROBE = new ConditionContext("", "/", Instant.EPOCH);

  @Override
  public ConditionCompilation compile(String expression) {
    if (expression == null || expression.isBlank()) {
      return failed(List.of("the condition expression is empty"));
    }
    CelValidationResult parsed = IamCelEnvironment.COMPILER.parse(expression);
    if (parsed.hasError()) {
      return failed(describe("syntax error", parsed));
    }
    try {
      List<String> nameErrors = ConditionNameRules.check(parsed.getAst().getExpr());
      if (!nameErrors.isEmpty()) {
        return failed(nameErrors);
      }
      CelValidationResult checked = IamCelEnvironment.COMPILER.check(parsed.getAst());
      if (checked.hasError()) {
        return failed(describe("type error", checked));
      }
      CelAbstractSyntaxTree ast = checked.getAst();
      ConditionOverloadRules.Findings findings = ConditionOverloadRules.check(ast);
      if (!findings.errors().isEmpty()) {
        return failed(findings.errors());
      }
      List<String> warnings = new ArrayList<>(findings.warnings());
      String invalidLiteral = firstInvalidLiteral(ast, findings.literalCalls());
      if (invalidLiteral != null) {
        warnings.add(invalidLiteral);
      }
      CelCondition condition = new CelCondition(IamCelEnvironment.RUNTIME.createProgram(ast), invalidLiteral);
      return new ConditionCompilation(condition, List.of(), warnings);
    } catch (CelValidationException | CelEvaluationException e) {
      return failed(List.of("the condition cannot be compiled: " + e.getMessage()));
    }
  }

  private static String firstInvalidLiteral(CelAbstractSyntaxTree ast, List<CelExpr> literalCalls)
      throws CelEvaluationException {
    for (CelExpr call : literalCalls) {
      CelAbstractSyntaxTree callAst =
          CelAbstractSyntaxTree.newCheckedAst(call, ast.getSource(), ast.getReferenceMap(), ast.getTypeMap());
      CelRuntime.Program program = IamCelEnvironment.RUNTIME.createProgram(callAst);
      try {
        program.eval(new CelCondition.RequestAttributes(PROBE));
      } catch (CelEvaluationException | RuntimeException e) {
        return ConditionNameRules.displayName(call.call().function())
            + " has an invalid literal argument "
            + quote(lastStringLiteral(call))
            + " ("
            + e.getMessage()
            + "); the condition never grants";
      }
    }
    return null;
  }

  private static String lastStringLiteral(CelExpr call) {
    List<CelExpr> args = call.call().args();
    CelExpr literal = args.get(args.size() - 1);
    return literal.getKind() == CelExpr.ExprKind.Kind.CONSTANT ? literal.constant().stringValue() : "?";
  }

  private static String quote(String literal) {
    String shown = literal.length() > MAX_LITERAL_ECHO ? literal.substring(0, MAX_LITERAL_ECHO) + "..." : literal;
    return '"' + shown + '"';
  }

  private static List<String> describe(String kind, CelValidationResult result) {
    List<String> messages = new ArrayList<>();
    for (CelIssue issue : result.getErrors()) {
      messages.add(
          kind
              + " at "
              + issue.getSourceLocation().getLine()
              + ":"
              + (issue.getSourceLocation().getColumn() + 1)
              + ": "
              + issue.getMessage());
    }
    return messages.isEmpty() ? List.of(kind + ": " + result.getErrorString()) : messages;
  }

  private static ConditionCompilation failed(List<String> errors) {
    return new ConditionCompilation(null, errors, List.of());
  }
}
