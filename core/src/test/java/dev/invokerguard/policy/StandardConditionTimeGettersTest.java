package dev.invokerguard.policy;

/** {@link CelConditionTimeGettersTest}'s cases through the standard compiler: plain predicates where they apply, else cel-java. */
class StandardConditionTimeGettersTest extends CelConditionTimeGettersTest {

  @Override
  ConditionCompiler compiler() {
    return ConditionCompilers.standard();
  }
}
