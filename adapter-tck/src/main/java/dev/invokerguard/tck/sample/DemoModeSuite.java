package dev.invokerguard.tck.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The demo mode every sample keeps (DESIGN.md, "The sample contract"), as an abstract JUnit 5 suite: started
 * with no {@code INVOKERGUARD_POLICY} (and no other {@code INVOKERGUARD_*} variable), the sample serves a demo
 * policy with a local test issuer and prints a banner whose nine {@code curl} commands get the statuses it
 * prints; with other variables but no policy it refuses to start; a taken port stops it with status 1 instead
 * of hanging. A sample's {@code DemoModeIT} extends it; {@link #assertPortTakenExplained} may ask more of its
 * message.
 */
public abstract class DemoModeSuite {
  private static final Pattern COMMAND = Pattern.compile("# (\\d{3}) .*\\ncurl -i(?: -H 'Authorization: Bearer"
      + " ([^']+)')?(?: -H '(Host: [^']+)')? http://localhost:\\d+(\\S+)");

  /** Asserts what the sample printed when {@code port} was taken; by default that it cannot start. */
  protected void assertPortTakenExplained(String output, int port) {
    assertThat(output).contains("cannot start");
  }

  @Test
  void startWhenNoPolicyThenDemoBannerCommandsGetTheirStatus() throws Exception {
    try (SampleProcess demo = SampleProcess.start(Map.of()).awaitListening()) {
      String banner = demo.awaitOutput("NOT FOR PRODUCTION", 2);

      assertThat(banner).contains("DEMO MODE", "LOCAL TEST ISSUER", "NOT FOR PRODUCTION");
      Matcher m = COMMAND.matcher(banner);
      int run = 0;
      while (m.find()) {
        List<String> headers = new ArrayList<>();
        if (m.group(2) != null) {
          headers.add("Authorization: Bearer " + m.group(2));
        }
        headers.add(m.group(3) != null ? m.group(3) : "Host: localhost:" + demo.port());
        RawHttp.Response response = demo.http().get(m.group(4), headers.toArray(String[]::new));
        assertThat(response.status()).as(m.group()).isEqualTo(Integer.parseInt(m.group(1)));
        run++;
      }
      assertThat(run).isEqualTo(9);
    }
  }

  @Test
  void startWhenOtherInvokerGuardVariablesWithoutPolicyThenRefusesDemo() throws Exception {
    try (SampleProcess refused = SampleProcess.start(Map.of("INVOKERGUARD_AUDIENCES", "https://svc.example"))) {
      assertThat(refused.awaitExit()).isEqualTo(2);
      assertThat(refused.output()).contains("INVOKERGUARD_POLICY is not set but [INVOKERGUARD_AUDIENCES]");
    }
  }

  @Test
  void runWhenPortTakenThenExitsWithStatus1InsteadOfHanging() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        SampleProcess demo = SampleProcess.start(Map.of(), taken.getLocalPort())) {
      assertThat(demo.awaitExit()).isEqualTo(1);
      assertPortTakenExplained(demo.output(), taken.getLocalPort());
    }
  }
}
