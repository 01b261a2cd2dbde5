package dev.invokerguard.tck;

import static dev.invokerguard.tck.ContractAssertions.assertProblem;
import static dev.invokerguard.tck.ContractAssertions.assertServed;
import static dev.invokerguard.tck.ContractFixture.ALL_USERS;
import static dev.invokerguard.tck.ContractFixture.HOST_PATH;
import static dev.invokerguard.tck.ContractFixture.PUBLIC_HOST;
import static dev.invokerguard.tck.ContractFixture.PUBLIC_PATH;
import static org.assertj.core.api.Assertions.assertThat;

import dev.invokerguard.DecisionReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The path and host the guard judges are the ones the application routes (DESIGN.md step 1). The contract
 * policy lets anonymous callers reach exactly {@value ContractFixture#PUBLIC_PATH}, and
 * {@value ContractFixture#HOST_PATH} on the host {@value ContractFixture#PUBLIC_HOST}. Every spelling of a
 * request-target is sent byte for byte over a socket; each is refused (400 from the server or the guard's
 * path firewall, 401 because the guard judged another path) or served with exactly the path the guard
 * allowed.
 */
abstract class RequestTargetContract extends ContractGroup {
  @Test
  void getWhenPathParameterThen400PathRejectedProblem() throws Exception {
    assertProblem(client().rawGet(PUBLIC_PATH + ";x=1"), DecisionReason.PATH_REJECTED);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "/public/a", "/public/%61", "/public/./a", "/public/b/../a", "/public/a/",
      // encoded dot segments
      "/public/%2e%2e/private/a", "/public/%2E%2E/private/a", "/public/.%2e/private/a",
      "/private/%2e%2e/public/a", "/private/%2e/../public/a", "/public/%2e/a",
      // encoded slash and backslash
      "/public%2fa", "/public/..%2fprivate/a", "/public/a%2f..%2f..%2fprivate/a", "/private%2f..%2fpublic/a",
      "/public/%5c../private/a", "/public%5ca",
      // ; parameters
      "/public/a;x=1", "/public;/a", "/private;/../public/a", "/public/a/..;/..;/private/a",
      "/private/..;/public/a",
      // repeated slashes
      "//public/a", "/public//a", "///private/a", "//private/../public/a",
      // backslash
      "/public\\a", "/public/..\\private/a", "/private\\..\\public/a",
      // mixed case
      "/PUBLIC/a", "/Public/A", "/public/%41",
      // absolute-form request-targets
      "http://contract.invokerguard.test/public/a", "http://contract.invokerguard.test/private/a",
      "http://contract.invokerguard.test/public/%2e%2e/private/a", "HTTP://CONTRACT.invokerguard.test/public/a"})
  void getWhenAmbiguousPathThenRefusedOrServedAsTheGuardJudgedIt(String target) throws Exception {
    Reply reply = client().rawGet(target);

    assertThat(reply.status()).as("%s\n%s", target, reply).isIn(200, 400, 401);
    if (reply.status() == 200) {
      assertServed(reply, ALL_USERS, PUBLIC_PATH);
    } else if (reply.status() == 401) {
      assertProblem(reply, DecisionReason.NO_CREDENTIALS);
    } else {
      assertThat(reply.body()).as("%s must not reach the application\n%s", target, reply)
          .doesNotContain("\"principal\"");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {PUBLIC_HOST, "PUBLIC.Invokerguard.TEST", PUBLIC_HOST + ".", PUBLIC_HOST + ":8080"})
  void getWhenHostOfAHostConditionedBindingThenServed(String host) throws Exception {
    assertServed(client().rawGet(HOST_PATH, "Host: " + host), ALL_USERS, HOST_PATH);
  }

  @ParameterizedTest
  @ValueSource(strings = {"evil.invokerguard.test", "public.invokerguard.test.evil.test",
      "public.invokerguard.test@evil.invokerguard.test"})
  void getWhenOtherHostThenNotServed(String host) throws Exception {
    Reply reply = client().rawGet(HOST_PATH, "Host: " + host);

    assertThat(reply.status()).as("%s\n%s", host, reply).isIn(400, 401);
    assertThat(reply.body()).as("must not reach the application").doesNotContain("\"principal\"");
  }

  @ParameterizedTest
  @ValueSource(strings = {"public.invokerguard.test|evil.invokerguard.test",
      "evil.invokerguard.test|public.invokerguard.test"})
  void getWhenTwoHostHeadersThenNotServed(String hosts) throws Exception {
    String[] two = hosts.split("\\|");

    Reply reply = client().rawGet(HOST_PATH, "Host: " + two[0], "Host: " + two[1]);

    assertThat(reply.status()).as("%s\n%s", hosts, reply).isIn(400, 401);
    assertThat(reply.body()).as("must not reach the application").doesNotContain("\"principal\"");
  }
}
