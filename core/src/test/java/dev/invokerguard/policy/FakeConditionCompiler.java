package dev.invokerguard.policy;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for the CEL compiler that understands a handful of literal expression shapes:
 * {@code request.path.startsWith("X")}, {@code request.host == "X"}, {@code request.path.contains("X")}
 * (with a warning), {@code broken()} (compiles, fails at evaluation). Anything else is a compile error.
 */
final class FakeConditionCompiler implements ConditionCompiler {
  private static final Pattern STARTS_WITH = Pattern.compile("request\\.path\\.startsWith\\(\"([^\"]*)\"\\)");
  private static final Pattern HOST = Pattern.compile("request\\.host == \"([^\"]*)\"");
  private static final Pattern CONTAINS = Pattern.compile("request\\.path\\.contains\\(\"([^\"]*)\"\\)");

  @Override
  public ConditionCompilation compile(String expression) {
    Matcher m;
    if ((m = STARTS_WITH.matcher(expression)).matches()) {
      String prefix = m.group(1);
      return ok(c -> c.path().startsWith(prefix) ? ConditionResult.TRUE : ConditionResult.FALSE);
    }
    if ((m = HOST.matcher(expression)).matches()) {
      String host = m.group(1);
      return ok(c -> c.host().equals(host) ? ConditionResult.TRUE : ConditionResult.FALSE);
    }
    if ((m = CONTAINS.matcher(expression)).matches()) {
      String part = m.group(1);
      return new ConditionCompilation(
          c -> c.path().contains(part) ? ConditionResult.TRUE : ConditionResult.FALSE, List.of(),
          List.of("contains is standard CEL that Cloud IAM may refuse"));
    }
    if (expression.equals("broken()")) {
      return ok(c -> ConditionResult.error("no such overload"));
    }
    return new ConditionCompilation(null, List.of("unknown identifier or function in \"" + expression + "\""),
        List.of());
  }

  private static ConditionCompilation ok(CompiledCondition condition) {
    return new ConditionCompilation(condition, List.of(), List.of());
  }
}
