package dev.invokerguard.policy;

/** Compiles the condition of a binding or deny rule when a document loads, reporting what is wrong. */
final class ConditionChecks {
  private ConditionChecks() {}

  /**
   * The compiled condition, or {@code null} when there is none or it does not compile (reported).
   *
   * @param location the condition's own location, e.g. {@code bindings[3].condition}
   * @param titleRequired whether a missing title is an error (it is on allow bindings)
   */
  static CompiledCondition compile(Condition condition, String location, boolean titleRequired,
      ConditionCompiler compiler, ProblemList problems) {
    if (condition == null) {
      return null;
    }
    String name = condition.title() == null ? "untitled condition" : "condition \"" + condition.title() + "\"";
    if (titleRequired && (condition.title() == null || condition.title().isBlank())) {
      problems.error(PolicyProblemCode.CONDITION_WITHOUT_TITLE, Fields.at(location, "title"),
          "a binding's condition needs a title");
    }
    ConditionCompilation compilation;
    try {
      compilation = compiler.compile(condition.expression());
    } catch (RuntimeException e) {
      compilation = new ConditionCompilation(null,
          java.util.List.of("the compiler failed: " + e), java.util.List.of());
    } catch (StackOverflowError | OutOfMemoryError e) {
      // A condition too deep or too large to compile is a problem with its location, not a crash of the
      // loader (or of the poll that reloads it).
      compilation = new ConditionCompilation(null,
          java.util.List.of("the condition is too deeply nested or too large to compile"), java.util.List.of());
    }
    String where = Fields.at(location, "expression");
    for (String warning : compilation.warnings()) {
      problems.warning(PolicyProblemCode.CONDITION_WARNING, where, name + ": " + warning);
    }
    for (String error : compilation.errors()) {
      problems.error(PolicyProblemCode.CONDITION_INVALID, where, name + ": " + error);
    }
    return compilation.condition();
  }
}
