package dev.invokerguard.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class OutboundTargetTest {

  @Test
  void ofWhenServiceUrlWithPathThenAudienceIsSchemeAndHost() {
    OutboundTarget target = OutboundTarget.of("https://Backend-abc-uc.a.run.app/internal");

    assertThat(target.audience()).isEqualTo("https://backend-abc-uc.a.run.app");
    assertThat(target.header()).isEqualTo(TokenHeader.AUTO);
  }

  @Test
  void ofWhenExplicitPortThenAudienceKeepsIt() {
    assertThat(OutboundTarget.of("http://127.0.0.1:8081").audience()).isEqualTo("http://127.0.0.1:8081");
  }

  @Test
  void withAudienceWhenCustomThenUsed() {
    assertThat(OutboundTarget.of("https://b.example").withAudience("my-audience").audience())
        .isEqualTo("my-audience");
  }

  @Test
  void matchesWhenSameOriginAndPathUnderBaseThenTrue() {
    OutboundTarget target = OutboundTarget.of("https://b.example/api");

    assertThat(target.matches(URI.create("https://b.example/api"))).isTrue();
    assertThat(target.matches(URI.create("https://B.example:443/api/x?q=1"))).isTrue();
    assertThat(target.matches(URI.create("https://b.example/apix"))).isFalse();
    assertThat(target.matches(URI.create("http://b.example/api/x"))).isFalse();
    assertThat(target.matches(URI.create("https://b.example:8443/api/x"))).isFalse();
    assertThat(target.matches(URI.create("https://evil.example/api/x"))).isFalse();
  }

  @Test
  void ofWhenNotHttpOrNoHostOrQueryThenInvalidTarget() {
    for (String url : new String[] {"ftp://b.example", "https:///x", "https://b.example/?a=1", "b.example", "ht tp://x"}) {
      assertThatThrownBy(() -> OutboundTarget.of(url))
          .as(url)
          .isInstanceOf(OutboundTokenException.class)
          .extracting(e -> ((OutboundTokenException) e).code())
          .isEqualTo(OutboundErrorCode.INVALID_TARGET);
    }
  }
}
