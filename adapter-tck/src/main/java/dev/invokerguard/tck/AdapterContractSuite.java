package dev.invokerguard.tck;

import dev.invokerguard.testing.CoreInternals;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The HTTP contract every InvokerGuard adapter keeps (DESIGN.md, "Semantics to keep"), as an abstract
 * JUnit 5 suite. An adapter's test class extends it and implements {@link #start}; the suite sends real
 * HTTP/1.1 requests on loopback (the JDK {@code HttpClient}, and plain sockets where a client would
 * normalise the request) with tokens of a {@link dev.invokerguard.testing.TestIssuer}, and checks:
 * 200 with the principal exposed the framework's way; 401 without a token and with a rejected one
 * (<a href="https://www.rfc-editor.org/rfc/rfc6750#section-3">RFC 6750</a> challenges); 403; 400 for the
 * path firewall, two credentials and an oversized header; 503 with {@code Retry-After} when the keys or the
 * policy cannot be had; the <a href="https://www.rfc-editor.org/rfc/rfc9457">RFC 9457</a>
 * {@code application/problem+json} body; CORS preflights;
 * {@code X-Serverless-Authorization} precedence; shadow mode; and that the adapter's main classes use no
 * core type marked {@code @dev.invokerguard.Internal}.
 *
 * <h2>What the adapter's test provides</h2>
 * <ul>
 *   <li>{@link #start}: start a server on {@code 127.0.0.1} (any free port) with the adapter in front of the
 *       <b>echo endpoint</b>, configured with exactly the given {@code invokerguard.*} settings the way a
 *       user of the framework configures it (servlet init parameters, application properties, ...). Return
 *       once it listens. The suite starts several adapters (other settings, another issuer) and stops each.
 *   <li>The <b>echo endpoint</b> (DESIGN.md, "The sample contract"): every {@code GET} on every path
 *       answers {@code 200}, {@code Content-Type: application/json}, with
 *       {@code {"principal": P, "path": Q}}, where {@code P} is the name of the principal the framework
 *       exposes to the application (the caller's IAM member, e.g. {@code user:alice@example.com}), or
 *       {@code "allUsers"} when the framework exposes none (an anonymous caller admitted by an
 *       {@code allUsers} binding), and {@code Q} is the path the application routes (percent-decoded,
 *       dot segments resolved, without the query). Other methods get the framework's own answer (a CORS
 *       preflight must be answered 2xx).
 *   <li>The server accepts request headers of at least 32 KiB, so that the guard's own limit (16 KiB of
 *       credential header) is what answers a long token.
 *   <li>{@link RunningAdapter#counts()}: the running guard's counters; and, when the adapter reports health,
 *       {@link RunningAdapter#healthStatus()}: the status it reports ({@code UP}, {@code DEGRADED},
 *       {@code DOWN}).
 * </ul>
 *
 * <h2>What the suite gives the adapter</h2>
 * Settings in the property form of {@code dev.invokerguard.runtime.GuardSettings}: {@code invokerguard.policy}
 * (a policy file the suite writes, or an unreachable {@code cloudrun://} service), {@code
 * invokerguard.audiences}, {@code invokerguard.jwks-uri} (the test issuer's loopback JWK set) and, for some
 * groups, {@code invokerguard.mode}. Before checking, the suite waits (up to 90 seconds) until a granted caller is served, so that a key fetch that timed out on
 * a loaded machine does not fail the checks.
 *
 * <pre>{@code
 * class MyAdapterContractTest extends AdapterContractSuite {
 *   @Override
 *   protected RunningAdapter start(Map<String, String> settings) throws Exception {
 *     MyServer server = MyServer.start("127.0.0.1", 0, settings);   // adapter + echo endpoint
 *     return new RunningAdapter() {
 *       public URI baseUri() { return URI.create("http://127.0.0.1:" + server.port()); }
 *       public DecisionCounts counts() { return server.guard().counts(); }
 *       public void stop() throws Exception { server.stop(); }
 *     };
 *   }
 * }
 * }</pre>
 *
 * <p>Health is checked when the adapter reports it ({@link RunningAdapter#healthStatus()}): UP with a
 * policy and fresh keys, DOWN without keys or without a policy, UP once keys arrive after an outage.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class AdapterContractSuite {
  private ContractFixture fixture;

  /**
   * Starts the adapter with these settings in front of the echo endpoint, listening on {@code 127.0.0.1}.
   *
   * @param settings {@code invokerguard.*} properties, e.g. {@code invokerguard.policy}
   * @return the running adapter; the suite stops it
   * @throws Exception when it cannot start (the suite then fails)
   */
  protected abstract RunningAdapter start(Map<String, String> settings) throws Exception;

  @BeforeAll
  final void startContractAdapter() throws Exception {
    fixture = ContractFixture.start(this::start);
  }

  @AfterAll
  final void stopContractAdapter() throws Exception {
    if (fixture != null) {
      fixture.stop();
    }
  }

  @Test
  @DisplayName("the adapter's main classes use no @Internal core type")
  final void adapterClassesWhenCheckedThenUseNoInternalCoreType() {
    CoreInternals.assertNotUsedByThisModule();
  }

  @Nested
  class Allowed extends AllowedContract {
    @Override
    ContractFixture fixture() {
      return fixture;
    }
  }

  @Nested
  class Unauthenticated extends UnauthenticatedContract {
    @Override
    ContractFixture fixture() {
      return fixture;
    }
  }

  @Nested
  class Forbidden extends ForbiddenContract {
    @Override
    ContractFixture fixture() {
      return fixture;
    }
  }

  @Nested
  class RequestTarget extends RequestTargetContract {
    @Override
    ContractFixture fixture() {
      return fixture;
    }
  }

  @Nested
  class MalformedCredentials extends MalformedCredentialsContract {
    @Override
    ContractFixture fixture() {
      return fixture;
    }
  }

  @Nested
  class UnavailableKeys extends UnavailableKeysContract {
    @Override
    ContractFixture fixture() {
      return fixture;
    }
  }

  @Nested
  class UnavailablePolicy extends UnavailablePolicyContract {
    @Override
    ContractFixture fixture() {
      return fixture;
    }
  }

  @Nested
  class Preflight extends PreflightContract {
    @Override
    ContractFixture fixture() {
      return fixture;
    }
  }

  @Nested
  class ServerlessAuthorization extends ServerlessAuthorizationContract {
    @Override
    ContractFixture fixture() {
      return fixture;
    }
  }

  @Nested
  class Health extends HealthContract {
    @Override
    ContractFixture fixture() {
      return fixture;
    }
  }

  @Nested
  class ShadowMode extends ShadowModeContract {
    @Override
    ContractFixture fixture() {
      return fixture;
    }
  }
}
