package dev.invokerguard.policy;

import com.google.re2j.Pattern;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.ast.CelExpr;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles IAM Condition expressions for Cloud Run's invoker permission with cel-java. An expression is
 * parsed, checked against {@link ConditionNameRules}, type-checked as a {@code bool} over
 * {@code request.host}, {@code request.path} and {@code request.time}, checked against
 * {@link ConditionOverloadRules}, and compiled into a program. Calls with literal arguments
 * ({@code timestamp("...")}, {@code date("...")}, {@code duration("...")}, time zones) are tried once here:
 * an invalid timestamp or date loads with a warning and the condition never grants, as IAM documents; an
 * invalid duration or time zone is a compile error. The regular expressions of {@code matches} are compiled
 * here, once, within the bounds of {@link ConditionPatterns}; one that does not compile or is too large is a
 * compile error.
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
      InvalidLiteral invalid = firstInvalidLiteral(ast, findings.literalCalls());
      String invalidLiteral = null;
      if (invalid != null && !invalid.neverGrants()) {
        return failed(List.of(invalid.message()));
      }
      if (invalid != null) {
        invalidLiteral = invalid.message() + "; the condition never grants";
        warnings.add(invalidLiteral);
      }
      Map<String, Pattern> patterns = new LinkedHashMap<>();
      for (String literal : findings.patterns()) {
        ConditionPatterns.Compiled compiled = ConditionPatterns.compile(literal);
        if (compiled.error() != null) {
          return failed(List.of("function 'matches' has a pattern " + quote(literal) + " that "
              + compiled.error()));
        }
        patterns.put(literal, compiled.pattern());
      }
      CelCondition condition =
          new CelCondition(IamCelEnvironment.RUNTIME.createProgram(ast), invalidLiteral, patterns);
      return new ConditionCompilation(condition, List.of(), warnings);
    } catch (CelValidationException | CelEvaluationException e) {
      return failed(List.of("the condition cannot be compiled: " + e.getMessage()));
    }
  }

  /**
   * A literal argument that does not parse. An invalid timestamp or date makes the condition never grant
   * (IAM's rule); an invalid duration, time zone or regular expression is a compile error.
   */
  private record InvalidLiteral(String message, boolean neverGrants) {}

  private static InvalidLiteral firstInvalidLiteral(CelAbstractSyntaxTree ast, List<CelExpr> literalCalls)
      throws CelEvaluationException {
    for (CelExpr call : literalCalls) {
      CelAbstractSyntaxTree callAst =
          CelAbstractSyntaxTree.newCheckedAst(call, ast.getSource(), ast.getReferenceMap(), ast.getTypeMap());
      CelRuntime.Program program = IamCelEnvironment.RUNTIME.createProgram(callAst);
      try {
        program.eval(new CelCondition.RequestAttributes(PROBE));
      } catch (CelEvaluationException | RuntimeException e) {
        String function = call.call().function();
        return new InvalidLiteral(ConditionNameRules.displayName(function)
            + " has an invalid literal argument "
            + quote(lastStringLiteral(call))
            + " ("
            + e.getMessage()
            + ")", function.equals("timestamp") || function.equals("date"));
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
