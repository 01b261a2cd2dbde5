package dev.invokerguard.policy;

/** {@link CelConditionCompilerTest}'s cases through the standard compiler: plain predicates where they apply, else cel-java. */
class StandardConditionCompilerTest extends CelConditionCompilerTest {

  @Override
  ConditionCompiler compiler() {
    return ConditionCompilers.standard();
  }
}
