package dev.invokerguard.policy;

import java.time.Instant;
import java.util.List;

/**
 * A condition of the common simple shapes ({@link PlainConditionParser}) evaluated as plain Java, with CEL's
 * meaning: {@code ==} / {@code !=} / {@code startsWith} / {@code endsWith} on {@code request.host} and
 * {@code request.path} against string literals, ordering and equality of {@code request.time} against a
 * {@code timestamp("...")} literal, and {@code &&}, {@code ||}, {@code !} with CEL's commutative treatment of
 * errors (an absent attribute is an error; {@code false && error} is false, {@code true || error} is true).
 * See the <a href="https://cloud.google.com/iam/docs/conditions-attribute-reference">IAM Conditions attribute
 * reference</a> and the <a href="https://github.com/google/cel-spec/blob/master/doc/langdef.md">CEL language
 * definition</a>. Immutable and thread-safe. The attribute names are compile-time constants of
 * {@link IamCelEnvironment}, so nothing of cel-java is loaded for a plain condition.
 */
sealed interface PlainCondition extends CompiledCondition {

  /** The attributes a plain condition reads. */
  enum Attribute {
    HOST(IamCelEnvironment.HOST),
    PATH(IamCelEnvironment.PATH);

    final String name;

    Attribute(String name) {
      this.name = name;
    }

    String of(ConditionContext context) {
      return this == HOST ? context.host() : context.path();
    }
  }

  /** What a string test does with its literal. */
  enum StringOp { EQUALS, NOT_EQUALS, STARTS_WITH, ENDS_WITH }

  /** How {@code request.time} compares with a literal. */
  enum TimeOp { LESS, LESS_EQUALS, GREATER, GREATER_EQUALS, EQUALS, NOT_EQUALS }

  /** A string attribute tested against a literal. */
  record StringTest(Attribute attribute, StringOp op, String literal) implements PlainCondition {
    @Override
    public ConditionResult evaluate(ConditionContext context) {
      String value = attribute.of(context);
      if (value == null) {
        return absent(attribute.name);
      }
      boolean result = switch (op) {
        case EQUALS -> value.equals(literal);
        case NOT_EQUALS -> !value.equals(literal);
        case STARTS_WITH -> value.startsWith(literal);
        case ENDS_WITH -> value.endsWith(literal);
      };
      return result ? ConditionResult.TRUE : ConditionResult.FALSE;
    }
  }

  /** {@code request.time} compared with a timestamp literal, as {@code request.time <op> literal}. */
  record TimeTest(TimeOp op, Instant literal) implements PlainCondition {
    @Override
    public ConditionResult evaluate(ConditionContext context) {
      Instant time = context.time();
      if (time == null) {
        return absent(IamCelEnvironment.TIME);
      }
      int order = time.compareTo(literal);
      boolean result = switch (op) {
        case LESS -> order < 0;
        case LESS_EQUALS -> order <= 0;
        case GREATER -> order > 0;
        case GREATER_EQUALS -> order >= 0;
        case EQUALS -> order == 0;
        case NOT_EQUALS -> order != 0;
      };
      return result ? ConditionResult.TRUE : ConditionResult.FALSE;
    }
  }

  /**
   * CEL's commutative {@code &&} ({@code decisive} false) and {@code ||} ({@code decisive} true): the first
   * operand with the decisive value decides, else the first error, else the other value.
   */
  private static ConditionResult shortCircuit(List<PlainCondition> operands, ConditionContext context,
      ConditionResult decisive) {
    ConditionResult error = null;
    for (int i = 0; i < operands.size(); i++) {
      ConditionResult result = operands.get(i).evaluate(context);
      if (result.outcome() == decisive.outcome()) {
        return result;
      }
      if (result.outcome() == ConditionResult.Outcome.ERROR && error == null) {
        error = result;
      }
    }
    return error != null ? error
        : decisive.outcome() == ConditionResult.Outcome.TRUE ? ConditionResult.FALSE : ConditionResult.TRUE;
  }

  /** {@code a && b && ...}: false if any is false, else an error if any is one, else true. */
  record And(List<PlainCondition> operands) implements PlainCondition {
    public And {
      operands = List.copyOf(operands);
    }

    @Override
    public ConditionResult evaluate(ConditionContext context) {
      return PlainCondition.shortCircuit(operands, context, ConditionResult.FALSE);
    }
  }

  /** {@code a || b || ...}: true if any is true, else an error if any is one, else false. */
  record Or(List<PlainCondition> operands) implements PlainCondition {
    public Or {
      operands = List.copyOf(operands);
    }

    @Override
    public ConditionResult evaluate(ConditionContext context) {
      return PlainCondition.shortCircuit(operands, context, ConditionResult.TRUE);
    }
  }

  /** {@code !a}: an error stays an error. */
  record Not(PlainCondition operand) implements PlainCondition {
    @Override
    public ConditionResult evaluate(ConditionContext context) {
      ConditionResult result = operand.evaluate(context);
      return switch (result.outcome()) {
        case TRUE -> ConditionResult.FALSE;
        case FALSE -> ConditionResult.TRUE;
        case ERROR -> result;
      };
    }
  }

  private static ConditionResult absent(String attribute) {
    return ConditionResult.error("no value for the attribute " + attribute);
  }
}
