package dev.invokerguard.tck;

import static dev.invokerguard.tck.ContractAssertions.assertProblem;
import static dev.invokerguard.tck.ContractAssertions.assertRetryAfter;
import static dev.invokerguard.tck.ContractFixture.PRIVATE_PATH;
import static dev.invokerguard.tck.ContractFixture.PUBLIC_PATH;

import dev.invokerguard.DecisionReason;
import dev.invokerguard.runtime.SettingKey;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * 503 with {@code Retry-After} while no policy has ever loaded: every request, whatever its token, is
 * refused and nothing is open. Runs its own adapter whose policy is a {@code cloudrun://} service that cannot
 * be fetched: with no Google credentials on the machine, the fetch fails before any network call. Where
 * credentials exist the group is skipped rather than call Google.
 */
abstract class UnavailablePolicyContract extends ContractGroup {
  static final String UNREACHABLE_POLICY =
      "cloudrun://projects/invokerguard-tck-unreachable/locations/us-central1/services/contract";

  private RunningAdapter adapter;
  private ContractClient client;

  @BeforeAll
  void startWithUnreachablePolicy() throws Exception {
    List<String> credentials = GoogleCredentialsProbe.sources();
    Assumptions.assumeTrue(credentials.isEmpty(), () -> "skipped: Google credentials are available here ("
        + String.join(", ", credentials) + "), so a cloudrun:// policy would be fetched from Google; run the"
        + " suite where none are (no GOOGLE_APPLICATION_CREDENTIALS, no gcloud application-default login,"
        + " not on a Google Cloud machine) to check the 503 of an unavailable policy");
    Map<String, String> settings = fixture().settings();
    settings.put(SettingKey.POLICY.property(), UNREACHABLE_POLICY);
    adapter = fixture().startAdapter(settings);
    client = new ContractClient(adapter.baseUri());
  }

  @AfterAll
  void stop() throws Exception {
    if (adapter != null) {
      adapter.stop();
    }
  }

  @Test
  void getWhenNoPolicyLoadedThenGrantedCallerGets503RetryAfterProblem() throws Exception {
    String token = fixture().alice();

    Reply reply = client.get(PRIVATE_PATH, "Authorization: Bearer " + token);

    assertProblem(reply, DecisionReason.POLICY_UNAVAILABLE, token);
    assertRetryAfter(reply);
  }

  @Test
  void getWhenNoPolicyLoadedThenNothingIsOpen() throws Exception {
    Reply reply = client.get(PUBLIC_PATH);

    assertProblem(reply, DecisionReason.POLICY_UNAVAILABLE);
    assertRetryAfter(reply);
  }
}
