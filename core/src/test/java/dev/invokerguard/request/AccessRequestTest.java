package dev.invokerguard.request;

import static org.assertj.core.api.Assertions.assertThat;

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
  void headersWhenSourceMapChangesThenRequestDoesNot() {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("Origin", List.of("https://a.example"));
    AccessRequest request = new AccessRequest("GET", "h", "/", headers);

    headers.put("Authorization", List.of("Bearer x"));

    assertThat(request.headerValues("Authorization")).isEmpty();
  }
}
