package dev.invokerguard.policy;

/** The condition compiler a {@link PolicyLoader} uses unless its builder is given another. */
final class ConditionCompilers {
  private static final ConditionCompiler STANDARD = new CelConditionCompiler();

  private ConditionCompilers() {}

  /** The standard compiler for IAM Conditions on {@code request.host}, {@code request.path}, {@code request.time}. */
  static ConditionCompiler standard() {
    return STANDARD;
  }
}
