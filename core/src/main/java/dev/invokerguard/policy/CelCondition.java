package dev.invokerguard.policy;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelLateFunctionBindings;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelVariableResolver;
import java.util.Map;
import java.util.Optional;

/**
 * A condition compiled once into a CEL program and evaluated against a request's host, path and time. The
 * patterns of its {@code matches} calls were compiled once too ({@link ConditionPatterns}); an evaluation
 * never compiles one. Thread-safe: the program and patterns are immutable and each evaluation reads only its
 * own {@link ConditionContext}.
 * A condition holding an invalid literal never grants: it always evaluates to an error, as IAM documents for
 * invalid timestamps (<a href="https://cloud.google.com/iam/docs/conditions-attribute-reference#date-time">IAM
 * Conditions attribute reference</a>).
 */
final class CelCondition implements CompiledCondition {

  private final CelRuntime.Program program;
  private final String invalidLiteral;
  private final Map<String, Pattern> patterns;
  private final CelLateFunctionBindings matches;

  /**
   * @param program the compiled program
   * @param invalidLiteral why the condition can never be evaluated, or {@code null}
   * @param patterns every pattern literal of {@code matches} in the condition, compiled
   */
  CelCondition(CelRuntime.Program program, String invalidLiteral, Map<String, Pattern> patterns) {
    this.program = program;
    this.invalidLiteral = invalidLiteral;
    this.patterns = Map.copyOf(patterns);
    this.matches = CelLateFunctionBindings.from(
        CelFunctionBinding.from(IamCelEnvironment.MATCHES_MEMBER, String.class, String.class, this::matches),
        CelFunctionBinding.from(IamCelEnvironment.MATCHES_GLOBAL, String.class, String.class, this::matches));
  }

  /** The compiled patterns, by their literal. */
  Map<String, Pattern> patterns() {
    return patterns;
  }

  /** CEL's {@code matches} with the pattern compiled at load; the literal is only the key. */
  private Object matches(String text, String literal) throws CelEvaluationException {
    Pattern pattern = patterns.get(literal);
    if (pattern == null) {
      throw new CelEvaluationException("the pattern \"" + literal + "\" was not compiled when the policy loaded");
    }
    Matcher matcher = pattern.matcher(text);
    return IamCelEnvironment.PARTIAL_MATCH ? matcher.find() : matcher.matches();
  }

  @Override
  public ConditionResult evaluate(ConditionContext context) {
    if (invalidLiteral != null) {
      return ConditionResult.error(invalidLiteral);
    }
    try {
      Object result = program.eval(new RequestAttributes(context), matches);
      if (result instanceof Boolean value) {
        return value ? ConditionResult.TRUE : ConditionResult.FALSE;
      }
      return ConditionResult.error("the condition did not evaluate to a bool");
    } catch (CelEvaluationException e) {
      return ConditionResult.error(e.getMessage());
    } catch (RuntimeException e) {
      return ConditionResult.error("the condition could not be evaluated: " + e);
    }
  }

  /** Looks a variable up in the request's attributes; an absent attribute is an evaluation error. */
  record RequestAttributes(ConditionContext context) implements CelVariableResolver {
    @Override
    public Optional<Object> find(String name) {
      return switch (name) {
        case IamCelEnvironment.HOST -> Optional.ofNullable(context.host());
        case IamCelEnvironment.PATH -> Optional.ofNullable(context.path());
        case IamCelEnvironment.TIME -> Optional.ofNullable(context.time());
        default -> Optional.empty();
      };
    }
  }
}
