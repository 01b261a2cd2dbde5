package dev.invokerguard.policy;

/** {@link CelConditionEvaluationTest}'s cases through the standard compiler: plain predicates where they apply, else cel-java. */
class StandardConditionEvaluationTest extends CelConditionEvaluationTest {

  @Override
  ConditionCompiler compiler() {
    return ConditionCompilers.standard();
  }
}
