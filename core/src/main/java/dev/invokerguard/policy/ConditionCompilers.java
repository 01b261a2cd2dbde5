package dev.invokerguard.policy;

import java.util.List;

/** The condition compiler a {@link PolicyLoader} uses unless its builder is given another. */
final class ConditionCompilers {
  /** Refuses every expression: used while no CEL compiler is part of the build. */
  static final ConditionCompiler UNAVAILABLE = expression -> new ConditionCompilation(null,
      List.of("no IAM Condition compiler is available in this build, so conditions cannot load"), List.of());

  private ConditionCompilers() {}

  /** The standard compiler for IAM Conditions on {@code request.host}, {@code request.path}, {@code request.time}. */
  static ConditionCompiler standard() {
    return UNAVAILABLE;
  }
}
