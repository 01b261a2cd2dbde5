package dev.invokerguard.samples.s2s;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's one command: {@code java -jar sample-service-to-service.jar}, and the calls it prints. */
class LocalModeIT {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final Pattern CALL = Pattern.compile("curl -si? (http://\\S+)\\s+# (\\d{3})");

  @Test
  void localModeWhenStartedThenThePrintedCallsAnswerAsPrinted() throws Exception {
    List<ProcessHandle> roles;
    try (RoleProcess local = RoleProcess.start(Map.of(
        "PORT", Integer.toString(RoleProcess.freePort()),
        "BACKEND_PORT", Integer.toString(RoleProcess.freePort()),
        "HOME", System.getProperty("java.io.tmpdir")))) {
      String output = local.await("local mode ready").output();
      Matcher calls = CALL.matcher(output);
      int checked = 0;
      while (calls.find()) {
        HttpResponse<String> response = CLIENT.send(
            HttpRequest.newBuilder(URI.create(calls.group(1))).timeout(Duration.ofSeconds(60)).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(calls.group(1) + ": " + response.body())
            .isEqualTo(Integer.parseInt(calls.group(2)));
        checked++;
      }
      assertThat(checked).as(output).isEqualTo(3);
      roles = local.descendants();
      assertThat(roles).hasSize(2);
    }
    for (ProcessHandle role : roles) {
      role.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(role.isAlive()).isFalse();
    }
  }
}
