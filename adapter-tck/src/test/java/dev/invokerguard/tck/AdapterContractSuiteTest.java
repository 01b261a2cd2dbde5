package dev.invokerguard.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectNestedClass;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * The suite catches an adapter that breaks the contract: each faulty adapter fails exactly the checks of
 * the rule it breaks, with an assertion (not a set-up error).
 */
class AdapterContractSuiteTest {
  static Stream<Arguments> faults() {
    return Stream.of(
        Arguments.of(FaultyAdapters.IgnoresServerlessAuthorization.class,
            AdapterContractSuite.ServerlessAuthorization.class, List.of(
                "getWhenServerlessTokenAndBasicAuthorizationThenServedAsServerlessCaller",
                "getWhenGrantedServerlessTokenAndOtherBearerThenServedAsServerlessCaller",
                "getWhenUngrantedServerlessTokenAndGrantedBearerThen403",
                "getWhenRejectedServerlessTokenAndGrantedBearerThen401InvalidToken")),
        Arguments.of(FaultyAdapters.FirstValueOfRepeatedHeaders.class,
            AdapterContractSuite.MalformedCredentials.class, List.of(
                "getWhenTwoAuthorizationHeadersThen400AmbiguousCredentials",
                "getWhenTwoServerlessAuthorizationHeadersThen400AmbiguousCredentials")),
        Arguments.of(FaultyAdapters.DropsDenialHeaders.class, AdapterContractSuite.Unauthenticated.class, List.of(
            "getWhenNoTokenOnPrivatePathThen401ChallengeWithoutError",
            "getWhenOnlyTheApplicationsOwnAuthorizationThen401ChallengeWithoutError",
            "getWhenEmptyBearerTokenOnPrivatePathThen401InvalidToken",
            "getWhenRejectedTokenOnPrivatePathThen401InvalidToken")),
        Arguments.of(FaultyAdapters.DropsDenialHeaders.class, AdapterContractSuite.UnavailableKeys.class, List.of(
            "getWhenTokenNeedsUnavailableKeysThen503RetryAfterProblem")),
        Arguments.of(FaultyAdapters.PlainTextDenials.class, AdapterContractSuite.Forbidden.class, List.of(
            "getWhenAuthenticatedCallerWithoutGrantThen403WithoutChallenge")),
        Arguments.of(FaultyAdapters.FailsOpen.class, AdapterContractSuite.UnavailableKeys.class, List.of(
            "getWhenTokenNeedsUnavailableKeysThen503RetryAfterProblem")),
        Arguments.of(FaultyAdapters.FailsOpen.class, AdapterContractSuite.UnavailablePolicy.class, List.of(
            "getWhenNoPolicyLoadedThenGrantedCallerGets503RetryAfterProblem",
            "getWhenNoPolicyLoadedThenNothingIsOpen")),
        Arguments.of(FaultyAdapters.HidesPrincipal.class, AdapterContractSuite.Allowed.class, List.of(
            "getWhenGrantedUserThenServedWithPrincipalAndPath",
            "getWhenGrantedServiceAccountThenServedAsServiceAccount",
            "getWhenBearerSchemeInAnyCaseThenServed",
            "getWhenQueryStringThenPathWithoutQueryServed")),
        Arguments.of(FaultyAdapters.IgnoresMode.class, AdapterContractSuite.ShadowMode.class, List.of(
            "getWhenCallerWithoutGrantThenServedAsThatCallerAndCounted",
            "getWhenNoTokenOnPrivatePathThenServedAsAllUsersAndCounted")),
        Arguments.of(FaultyAdapters.EchoesCredentials.class, AdapterContractSuite.Forbidden.class, List.of(
            "getWhenAuthenticatedCallerWithoutGrantThen403WithoutChallenge")),
        Arguments.of(FaultyAdapters.AlwaysUp.class, AdapterContractSuite.Health.class, List.of(
            "healthWhenKeyEndpointDownThenDownAndUpOnceKeysArrive",
            "healthWhenNoPolicyLoadedThenDown")));
  }

  @ParameterizedTest(name = "{0} fails {1}")
  @org.junit.jupiter.params.provider.MethodSource("faults")
  void suiteWhenAdapterBreaksARuleThenExactlyItsChecksFail(Class<?> adapter, Class<?> group,
      List<String> expectedFailures) {
    boolean opensCloudRun = group == AdapterContractSuite.UnavailablePolicy.class
        || group == AdapterContractSuite.Health.class;
    Assumptions.assumeTrue(!opensCloudRun || GoogleCredentialsProbe.sources().isEmpty(),
        "the checks that open a cloudrun:// policy skip where Google credentials are available");
    EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
        .configurationParameter(FaultyAdapters.LaunchedBySelfTest.PARAMETER, "true")
        .selectors(selectNestedClass(List.of(adapter), group))
        .execute();

    assertThat(results.containerEvents().failed().count()).as("set-up failures").isZero();
    List<Event> failed = results.testEvents().failed().list();
    assertThat(failed.stream().map(AdapterContractSuiteTest::methodName).distinct()).as("failed checks")
        .containsExactlyInAnyOrderElementsOf(expectedFailures);
    assertThat(failed).as("each fails with an assertion").allSatisfy(event -> assertThat(
        event.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable).orElseThrow())
        .isInstanceOf(AssertionError.class));
    assertThat(results.testEvents().succeeded().count() + failed.size())
        .as("checks run").isEqualTo(results.testEvents().started().count());
  }

  @Test
  void faultyAdapterWhenLaunchedWithoutTheSelfTestThenDisabled() {
    EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(FaultyAdapters.PlainTextDenials.class))
        .execute();

    assertThat(results.containerEvents().skipped().count()).as("skipped suites").isEqualTo(1);
    assertThat(results.testEvents().started().count()).as("checks run").isZero();
  }

  private static String methodName(Event event) {
    return event.getTestDescriptor().getSource().filter(MethodSource.class::isInstance)
        .map(source -> ((MethodSource) source).getMethodName()).orElse(event.getTestDescriptor().getDisplayName());
  }
}
