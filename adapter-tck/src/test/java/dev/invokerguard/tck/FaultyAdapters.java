package dev.invokerguard.tck;

import dev.invokerguard.tck.JdkServerAdapter.Fault;
import java.util.Map;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The suite against adapters that each break one rule ({@link Fault}); run by {@link AdapterContractSuiteTest},
 * and disabled anywhere else (they fail, as they should), even when a test filter names them.
 */
final class FaultyAdapters {
  private FaultyAdapters() {}

  /** Enables the faulty suites only in a launch that sets {@value #PARAMETER}. */
  static final class LaunchedBySelfTest implements ExecutionCondition {
    static final String PARAMETER = "invokerguard.tck.faulty-adapters";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      return context.getConfigurationParameter(PARAMETER, Boolean::parseBoolean).orElse(false)
          ? ConditionEvaluationResult.enabled("launched by AdapterContractSuiteTest")
          : ConditionEvaluationResult.disabled("a faulty adapter, run only by AdapterContractSuiteTest");
    }
  }

  /** The suite against the JDK server adapter with one fault. */
  @ExtendWith(LaunchedBySelfTest.class)
  abstract static class Faulty extends AdapterContractSuite {
    abstract Fault fault();

    @Override
    protected RunningAdapter start(Map<String, String> settings) throws Exception {
      return JdkServerAdapter.start(settings, fault());
    }
  }

  static class IgnoresServerlessAuthorization extends Faulty {
    @Override
    Fault fault() {
      return Fault.IGNORES_SERVERLESS_AUTHORIZATION;
    }
  }

  static class FirstValueOfRepeatedHeaders extends Faulty {
    @Override
    Fault fault() {
      return Fault.FIRST_VALUE_OF_REPEATED_HEADERS;
    }
  }

  static class DropsDenialHeaders extends Faulty {
    @Override
    Fault fault() {
      return Fault.DROPS_DENIAL_HEADERS;
    }
  }

  static class PlainTextDenials extends Faulty {
    @Override
    Fault fault() {
      return Fault.PLAIN_TEXT_DENIALS;
    }
  }

  static class FailsOpen extends Faulty {
    @Override
    Fault fault() {
      return Fault.FAILS_OPEN;
    }
  }

  static class HidesPrincipal extends Faulty {
    @Override
    Fault fault() {
      return Fault.HIDES_PRINCIPAL;
    }
  }

  static class IgnoresMode extends Faulty {
    @Override
    Fault fault() {
      return Fault.IGNORES_MODE;
    }
  }

  static class EchoesCredentials extends Faulty {
    @Override
    Fault fault() {
      return Fault.ECHOES_CREDENTIALS;
    }
  }

  static class AlwaysUp extends Faulty {
    @Override
    Fault fault() {
      return Fault.ALWAYS_UP;
    }
  }
}
