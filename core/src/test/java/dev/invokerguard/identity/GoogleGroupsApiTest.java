package dev.invokerguard.identity;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP side of group lookups: timeouts, status codes, {@code Retry-After}, the Directory API's form. */
class GoogleGroupsApiTest {
  private static WireMockServer server;
  private final ExecutorService executor = Executors.newSingleThreadExecutor();

  @BeforeAll
  static void start() {
    server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    server.start();
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  @BeforeEach
  void reset() {
    server.resetAll();
  }

  @AfterEach
  void stopExecutor() {
    executor.shutdownNow();
  }

  private GoogleGroupsApi api(Duration timeout) {
    return new GoogleGroupsApi("directory", URI.create("http://127.0.0.1:" + server.port()),
        uri -> Map.of("Authorization", List.of("Bearer t")), HttpClient.newHttpClient(), timeout, executor);
  }

  private static GroupLookupException failure(java.util.concurrent.CompletableFuture<?> future) {
    try {
      future.get(10, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(GroupLookupException.class);
      return (GroupLookupException) e.getCause();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("the lookup did not fail");
  }

  @Test
  void isMemberWhenTheDirectoryApiAnswersThenItsIsMemberIsTheAnswer() throws Exception {
    server.stubFor(get(urlPathEqualTo("/admin/directory/v1/groups/eng%40example.com/hasMember/alice%40example.com"))
        .willReturn(aResponse().withBody("{\"isMember\": true}")));
    server.stubFor(get(urlPathEqualTo("/admin/directory/v1/groups/eng%40example.com/hasMember/bob%40example.com"))
        .willReturn(aResponse().withBody("{\"isMember\": false}")));
    DirectoryLookup lookup = new DirectoryLookup(api(Duration.ofSeconds(5)));

    assertThat(lookup.isMember("eng@example.com", "alice@example.com").get(10, TimeUnit.SECONDS)).isTrue();
    assertThat(lookup.isMember("eng@example.com", "bob@example.com").get(10, TimeUnit.SECONDS)).isFalse();
    assertThat(server.findAll(getRequestedFor(urlPathEqualTo(
        "/admin/directory/v1/groups/eng%40example.com/hasMember/alice%40example.com")))
        .get(0).getHeader("Authorization")).isEqualTo("Bearer t");
  }

  @Test
  void getWhenTheApiDoesNotAnswerInTimeThenTimeout() {
    server.stubFor(get(urlPathEqualTo("/slow")).willReturn(aResponse().withBody("{}").withFixedDelay(2000)));

    GroupLookupException e = failure(api(Duration.ofMillis(200)).get("/slow"));

    assertThat(e.code()).isEqualTo(GroupLookupException.Code.TIMEOUT);
  }

  @Test
  void getWhenTheApiAnswers429ThenRateLimitedWithItsRetryAfter() {
    server.stubFor(get(urlPathEqualTo("/busy")).willReturn(aResponse().withStatus(429)
        .withHeader("Retry-After", "17").withBody("{\"error\": {\"message\": \"Quota exceeded\"}}")));

    GroupLookupException e = failure(api(Duration.ofSeconds(5)).get("/busy"));

    assertThat(e.code()).isEqualTo(GroupLookupException.Code.RATE_LIMITED);
    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(17));
    assertThat(e.getMessage()).contains("HTTP 429", "Quota exceeded");
  }

  @Test
  void getWhenTheApiAnswers5xxOr403OrGarbageThenEachHasItsCode() {
    server.stubFor(get(urlPathEqualTo("/down")).willReturn(aResponse().withStatus(503)));
    server.stubFor(get(urlPathEqualTo("/forbidden")).willReturn(aResponse().withStatus(403)));
    server.stubFor(get(urlPathEqualTo("/garbage")).willReturn(aResponse().withBody("[1, 2]")));
    GoogleGroupsApi api = api(Duration.ofSeconds(5));

    assertThat(failure(api.get("/down")).code()).isEqualTo(GroupLookupException.Code.SERVER_ERROR);
    assertThat(failure(api.get("/forbidden")).code()).isEqualTo(GroupLookupException.Code.FORBIDDEN);
    assertThat(failure(api.get("/garbage")).code()).isEqualTo(GroupLookupException.Code.FAILED);
  }

  @Test
  void getWhenCredentialsCannotBeHadThenFailedNamingThem() {
    GoogleGroupsApi api = new GoogleGroupsApi("cloud-identity", URI.create("http://127.0.0.1:" + server.port()),
        uri -> {
          throw new java.io.IOException("no Application Default Credentials");
        }, HttpClient.newHttpClient(), Duration.ofSeconds(5), executor);

    GroupLookupException e = failure(api.get("/v1/groups:lookup"));

    assertThat(e.code()).isEqualTo(GroupLookupException.Code.FAILED);
    assertThat(e.getMessage()).contains("no credentials", "no Application Default Credentials");
    assertThat(server.getAllServeEvents()).isEmpty();
  }

  @Test
  void retryAfterWhenSecondsOrAnHttpDateOrGarbageThenParsedOrNull() {
    assertThat(GoogleGroupsApi.retryAfter("5")).isEqualTo(Duration.ofSeconds(5));
    assertThat(GoogleGroupsApi.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isEqualTo(Duration.ZERO);
    assertThat(GoogleGroupsApi.retryAfter("soon")).isNull();
    assertThat(GoogleGroupsApi.retryAfter(null)).isNull();
  }
}
