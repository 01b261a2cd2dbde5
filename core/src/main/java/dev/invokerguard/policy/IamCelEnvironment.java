package dev.invokerguard.policy;

import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOptions;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import dev.cel.runtime.CelStandardFunctions;
import java.util.Set;

/**
 * The CEL environment of a Cloud Run invoker condition, built once and shared: the variables
 * {@code request.host}, {@code request.path} (strings) and {@code request.time} (timestamp), the standard CEL
 * functions, and IAM's {@code date()}. What a condition may actually use is narrowed afterwards by
 * {@link ConditionNameRules} and {@link ConditionOverloadRules}. See the
 * <a href="https://cloud.google.com/iam/docs/conditions-attribute-reference">IAM Conditions attribute
 * reference</a>.
 */
final class IamCelEnvironment {

  static final String HOST = "request.host";
  static final String PATH = "request.path";
  static final String TIME = "request.time";
  static final Set<String> VARIABLES = Set.of(HOST, PATH, TIME);

  /** Standard macros (has, all, exists, map, filter) stay off, so they reach the rules as plain calls. */
  static final CelCompiler COMPILER;

  /**
   * Standard functions except {@code matches}: cel-java compiles its pattern on every evaluation. Each
   * condition binds {@code matches} itself, to the patterns it compiled when it loaded ({@link CelCondition}).
   */
  static final CelRuntime RUNTIME;

  /** The CEL overload ids of {@code matches}: {@code string.matches(re)} and {@code matches(string, re)}. */
  static final String MATCHES_MEMBER = "matches_string";
  static final String MATCHES_GLOBAL = "matches";

  /** CEL's {@code matches} finds the pattern anywhere in the string unless this option says otherwise. */
  static final boolean PARTIAL_MATCH;

  static {
    CelOptions options = CelOptions.current().build();
    PARTIAL_MATCH = options.enableRegexPartialMatch();
    COMPILER =
        CelCompilerFactory.standardCelCompilerBuilder()
            .setOptions(options)
            .addVar(HOST, SimpleType.STRING)
            .addVar(PATH, SimpleType.STRING)
            .addVar(TIME, SimpleType.TIMESTAMP)
            .addFunctionDeclarations(
                CelFunctionDecl.newFunctionDeclaration(
                    "date",
                    CelOverloadDecl.newGlobalOverload(
                        IamTimeFunctions.DATE_OVERLOAD, SimpleType.TIMESTAMP, SimpleType.STRING)))
            .setResultType(SimpleType.BOOL)
            .build();
    RUNTIME =
        CelRuntimeFactory.standardCelRuntimeBuilder()
            .setOptions(options)
            .setStandardEnvironmentEnabled(false)
            .setStandardFunctions(CelStandardFunctions.newBuilder()
                .excludeFunctions(CelStandardFunctions.StandardFunction.MATCHES).build())
            .addFunctionBindings(
                CelFunctionBinding.from(IamTimeFunctions.DATE_OVERLOAD, String.class, IamCelEnvironment::date))
            .build();
  }

  private IamCelEnvironment() {}

  private static Object date(String text) throws CelEvaluationException {
    try {
      return IamTimeFunctions.date(text);
    } catch (IllegalArgumentException e) {
      throw new CelEvaluationException(e.getMessage(), e);
    }
  }
}
