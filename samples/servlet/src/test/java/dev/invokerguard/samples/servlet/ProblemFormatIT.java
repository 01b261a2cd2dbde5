package dev.invokerguard.samples.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invokerguard.tck.sample.RawHttp;
import dev.invokerguard.tck.sample.SampleProcess;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Requests Jetty refuses before the invoker check sees them answer {@code application/problem+json}, as the
 * check's own refusals do: one format for clients whichever layer said no.
 */
class ProblemFormatIT {
  static SampleProcess sample;
  static RawHttp http;

  @BeforeAll
  static void start() throws Exception {
    sample = SampleProcess.start(Map.of()).awaitListening();
    http = sample.http();
  }

  @AfterAll
  static void stop() throws Exception {
    sample.close();
  }

  @Test
  void getWhenJettyRefusesAmbiguousPathThenProblemJson400() throws Exception {
    for (String target : new String[] {"/public/%2e%2e/private/report", "/public/..%2Fprivate", "//private",
        "/public/a%5Cb"}) {
      RawHttp.Response response = http.get(target, "Host: localhost");

      assertThat(response.status()).as(target).isEqualTo(400);
      assertThat(response.header("Content-Type")).as(target).hasValue("application/problem+json");
      assertThat(response.body()).as(target).startsWith("{\"type\":\"about:blank\",\"title\":\"Bad Request\","
          + "\"status\":400,\"detail\":\"").doesNotContain("<html");
    }
  }

  @Test
  void getWhenRequestUnparseableThenProblemJson400() throws Exception {
    RawHttp.Response response = http.get("/%", "Host: localhost");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.header("Content-Type")).hasValue("application/problem+json");
    assertThat(response.body()).isEqualTo("{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400}");
  }

  @Test
  void getWhenGuardRefusesPathThenProblemJsonToo() throws Exception {
    RawHttp.Response response = http.get("/public/a;b", "Host: localhost");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.header("Content-Type")).hasValue("application/problem+json");
    assertThat(response.body()).contains("\"status\":400");
  }

  @Test
  void postWhenServletRefusesMethodThenProblemJson405() throws Exception {
    RawHttp.Response response = http.exchange("POST /public/x HTTP/1.1\r\nHost: localhost\r\n"
        + "Content-Length: 0\r\nConnection: close\r\n\r\n");

    assertThat(response.status()).isEqualTo(405);
    assertThat(response.header("Content-Type")).hasValue("application/problem+json");
    assertThat(response.body()).contains("\"status\":405");
  }
}
