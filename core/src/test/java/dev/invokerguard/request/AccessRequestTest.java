package dev.invokerguard.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AccessRequestTest {

  @Test
  void headerValuesWhenNameCaseDiffersThenFoundAndMerged() {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("Authorization", List.of("Bearer a"));
    headers.put("AUTHORIZATION", List.of("Bearer b"));

    AccessRequest request = new AccessRequest("GET", "h", "/", headers);

    assertThat(request.headerValues("authorization")).containsExactly("Bearer a", "Bearer b");
    assertThat(request.header("aUtHoRiZaTiOn")).contains("Bearer a");
    assertThat(request.headerValues("Origin")).isEmpty();
  }

  @Test
  void headerValuesWhenLowerCaseNameIsAnotherStringThenFoundByContentAndAbsentOnesEmpty() {
    AccessRequest request = AccessRequest.builder("GET", "h", "/").header("X-Custom-Header", "v")
        .header(AccessRequest.ORIGIN, "https://app.example.com").build();

    assertThat(request.headerValues(new String("x-custom-header"))).containsExactly("v");
    assertThat(request.headerValues(new String("origin"))).containsExactly("https://app.example.com");
    assertThat(request.headerValues(AccessRequest.TRACEPARENT)).isEmpty();
    assertThat(request.headerValues("traceparent")).isEmpty();
    assertThat(request.headerValues("TraceParent")).isEmpty();
  }

  @Test
  void headersWhenSourceMapChangesThenRequestDoesNot() {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("Origin", List.of("https://a.example"));
    AccessRequest request = new AccessRequest("GET", "h", "/", headers);

    headers.put("Authorization", List.of("Bearer x"));

    assertThat(request.headerValues("Authorization")).isEmpty();
  }

  @Test
  void builderWhenHeaderRepeatedInAnyCaseThenValuesMergedInOrder() {
    AccessRequest request = AccessRequest.builder("GET", "h", "/")
        .header("Authorization", "Bearer a").header("AUTHORIZATION", "Bearer b").header("authorization", "c")
        .build();

    assertThat(request.headerValues("Authorization")).containsExactly("Bearer a", "Bearer b", "c");
    assertThat(request.headers()).containsOnlyKeys("authorization");
  }

  @Test
  void builderWhenUsedAfterBuildThenEarlierRequestUnchanged() {
    AccessRequest.Builder builder = AccessRequest.builder("GET", "h", "/").header("Origin", "https://a.example");
    AccessRequest first = builder.build();

    AccessRequest second = builder.header("Origin", "https://b.example").header("Traceparent", "t").build();

    assertThat(first.headerValues("origin")).containsExactly("https://a.example");
    assertThat(first.headerValues("traceparent")).isEmpty();
    assertThat(second.headerValues("origin")).containsExactly("https://a.example", "https://b.example");
  }

  @Test
  void headersWhenIteratedThenInTheOrderFirstAddedAndEqualToTheSameMap() {
    AccessRequest request = AccessRequest.builder("GET", "h", "/")
        .header("X-Serverless-Authorization", "Bearer s").header("Origin", "https://a.example")
        .header("Authorization", "Bearer a").header("ORIGIN", "https://b.example").build();

    assertThat(request.headers()).containsExactly(
        Map.entry("x-serverless-authorization", List.of("Bearer s")),
        Map.entry("origin", List.of("https://a.example", "https://b.example")),
        Map.entry("authorization", List.of("Bearer a")));
    assertThat(request.headers()).isEqualTo(Map.of("authorization", List.of("Bearer a"),
        "origin", List.of("https://a.example", "https://b.example"), "x-serverless-authorization",
        List.of("Bearer s")));
    assertThat(request).isEqualTo(new AccessRequest("GET", "h", "/", Map.of("Origin",
        List.of("https://a.example", "https://b.example"), "AUTHORIZATION", List.of("Bearer a"),
        "x-serverless-authorization", List.of("Bearer s"))));
    assertThat(request.headers().get("cookie")).isNull();
    assertThat(request.headers().containsKey(new String("origin".toCharArray()))).isTrue();
  }

  @Test
  void headersWhenChangedThroughTheMapOrAListThenRefused() {
    AccessRequest built = AccessRequest.builder("GET", "h", "/").header("Origin", "https://a.example").build();
    AccessRequest given = new AccessRequest("GET", "h", "/", Map.of("Origin", List.of("https://a.example")));

    for (AccessRequest request : List.of(built, given)) {
      assertThatThrownBy(() -> request.headers().put("authorization", List.of("Bearer x")))
          .isInstanceOf(UnsupportedOperationException.class);
      assertThatThrownBy(() -> request.headers().entrySet().clear())
          .isInstanceOf(UnsupportedOperationException.class);
      assertThatThrownBy(() -> request.headerValues("origin").add("https://b.example"))
          .isInstanceOf(UnsupportedOperationException.class);
    }
  }

  @Test
  void headersReadWhenListedThenLowerCaseAndEveryCredentialHeaderIncluded() {
    assertThat(AccessRequest.HEADERS_READ).allSatisfy(name ->
        assertThat(name).isEqualTo(name.toLowerCase(java.util.Locale.ROOT)));
    assertThat(AccessRequest.HEADERS_READ).contains("authorization", "x-serverless-authorization",
        "x-goog-iap-jwt-assertion", "origin", "access-control-request-method", "traceparent",
        "x-cloud-trace-context");
  }
}
