package dev.invokerguard.policy;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelVariableResolver;
import java.util.Optional;

/**
 * A condition compiled once into a CEL program and evaluated against a request's host, path and time.
 * Thread-safe: the program is immutable and each evaluation reads only its own {@link ConditionContext}.
 * A condition holding an invalid literal never grants: it always evaluates to an error, as IAM documents for
 * invalid timestamps (<a href="https://cloud.google.com/iam/docs/conditions-attribute-reference#date-time">IAM
 * Conditions attribute reference</a>).
 */
final class CelCondition implements CompiledCondition {

  private final CelRuntime.Program program;
  private final String invalidLiteral;

  /**
   * @param program the compiled program
   * @param invalidLiteral why the condition can never be evaluated, or {@code null}
   */
  CelCondition(CelRuntime.Program program, String invalidLiteral) {
    this.program = program;
    this.invalidLiteral = invalidLiteral;
  }

  @Override
  public ConditionResult evaluate(ConditionContext context) {
    if (invalidLiteral != null) {
      return ConditionResult.error(invalidLiteral);
    }
    try {
      Object result = program.eval(new RequestAttributes(context));
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
