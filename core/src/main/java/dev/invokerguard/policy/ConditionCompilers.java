package dev.invokerguard.policy;

import java.util.List;

/**
 * The condition compiler a {@link PolicyLoader} uses unless its builder is given another: the common simple
 * shapes ({@link PlainConditionParser}) become plain Java predicates, and every other expression goes to
 * cel-java ({@link CelConditionCompiler}), whose environment is built the first time such an expression
 * loads. Both give the same decision for every request; an expression that does not load gets cel-java's
 * errors, at load time as before.
 */
final class ConditionCompilers {
  private static final ConditionCompiler STANDARD = ConditionCompilers::compile;

  private ConditionCompilers() {}

  /** The standard compiler for IAM Conditions on {@code request.host}, {@code request.path}, {@code request.time}. */
  static ConditionCompiler standard() {
    return STANDARD;
  }

  private static ConditionCompilation compile(String expression) {
    PlainCondition plain = PlainConditionParser.parse(expression);
    return plain != null ? new ConditionCompilation(plain, List.of(), List.of()) : Cel.COMPILER.compile(expression);
  }

  /** Loaded on the first expression that needs cel-java, not before. */
  private static final class Cel {
    static final ConditionCompiler COMPILER = new CelConditionCompiler();
  }
}
