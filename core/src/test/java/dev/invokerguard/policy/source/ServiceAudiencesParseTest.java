package dev.invokerguard.policy.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ServiceAudiencesParseTest {

  @Test
  void parseWhenRealisticServiceResourceThenUrlsAndCustomAudiences() throws IOException {
    String body;
    try (InputStream in = getClass().getResourceAsStream("/sources/cloud-run-service.json")) {
      body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    assertThat(ServiceAudiences.parse(body)).containsExactly("https://hello-3x7qk2lmpa-ew.a.run.app",
        "https://hello-123456789012.europe-west1.run.app", "https://api.example.com/hello");
  }

  @Test
  void parseWhenNoUrlYetThenFailureNotAnEmptySet() {
    assertThatThrownBy(() -> ServiceAudiences.parse("{\"name\": \"projects/p/locations/l/services/s\"}"))
        .isInstanceOf(IOException.class).hasMessageContaining("no URL");
    assertThatThrownBy(() -> ServiceAudiences.parse("{\"urls\": \"https://a\"}"))
        .isInstanceOf(IOException.class).hasMessageContaining("urls");
    assertThatThrownBy(() -> ServiceAudiences.parse("[]")).isInstanceOf(IOException.class);
  }
}
