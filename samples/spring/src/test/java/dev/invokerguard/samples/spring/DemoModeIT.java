package dev.invokerguard.samples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Demo mode: started with no INVOKERGUARD_POLICY, its banner's curl commands get the statuses it prints. */
class DemoModeIT {
  private static final Pattern COMMAND = Pattern.compile(
      "# (\\d{3}) .*\\ncurl -i(?: -H 'Authorization: Bearer ([^']+)')?(?: -H '(Host: [^']+)')? http://localhost:\\d+(\\S+)");

  @Test
  void startWhenNoPolicyThenDemoBannerCommandsGetTheirStatus() throws Exception {
    try (SampleProcess demo = SampleProcess.start(Map.of()).awaitListening()) {
      String banner = awaitBanner(demo);

      assertThat(banner).contains("DEMO MODE", "LOCAL TEST ISSUER", "NOT FOR PRODUCTION");
      Matcher m = COMMAND.matcher(banner);
      int run = 0;
      while (m.find()) {
        List<String> headers = new java.util.ArrayList<>();
        if (m.group(2) != null) {
          headers.add("Authorization: Bearer " + m.group(2));
        }
        headers.add(m.group(3) != null ? m.group(3) : "Host: localhost:" + demo.port);
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

  private static String awaitBanner(SampleProcess demo) throws InterruptedException {
    Instant limit = Instant.now().plus(Duration.ofSeconds(180));
    while (Instant.now().isBefore(limit)) {
      String out = demo.output();
      if (out.indexOf("NOT FOR PRODUCTION") != out.lastIndexOf("NOT FOR PRODUCTION")) {
        return out;
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("no banner:\n" + demo.output());
  }

  @Test
  void runWhenPortTakenThenExitsWithStatus1InsteadOfHanging() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        SampleProcess demo = SampleProcess.start(Map.of(), taken.getLocalPort())) {
      assertThat(demo.awaitExit()).isEqualTo(1);
      assertThat(demo.output()).contains("cannot start");
    }
  }
}
