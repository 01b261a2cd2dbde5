package dev.invokerguard.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One rule for plain http: loopback IP literals and localhost only, never a name that looks like one. */
class EndpointUrisTest {

  @ParameterizedTest
  @ValueSource(strings = {"https://www.googleapis.com/oauth2/v3/certs", "https://keys.example:8443/x",
      "http://127.0.0.1/certs", "http://127.0.0.1:9999/certs", "http://127.255.3.4/certs", "HTTP://LOCALHOST/c",
      "http://localhost:8080/certs", "http://[::1]:9999/certs", "http://[0:0:0:0:0:0:0:1]/c", "http://[::0:1]/c"})
  void isAllowedWhenHttpsOrLoopbackThenTrue(String uri) {
    assertThat(EndpointUris.isAllowed(URI.create(uri))).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://127.0.0.1.nip.io/certs", "http://127.evil.example/certs", "http://127.0.0.1./c",
      "http://127.1/certs", "http://127.0.0.01/certs", "http://127.0.0.256/certs", "http://0x7f.0.0.1/certs",
      "http://2130706433/certs", "http://localhost.example/certs", "http://localhost./certs",
      "http://[::2]/certs", "http://[1::]/certs", "http://[::]/certs", "http://[::ffff:7f00:1]/certs",
      "http://127.0.0.1@keys.example/certs", "http://keys.example/certs", "ftp://127.0.0.1/certs",
      "https:///certs", "file:///etc/certs", "/certs"})
  void isAllowedWhenPlainHttpBeyondLoopbackOrNoHostThenFalse(String uri) {
    assertThat(EndpointUris.isAllowed(URI.create(uri))).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://127.0.0.1.nip.io/certs", "http://127.0.0.1.evil.example:80/certs"})
  void withKeySetUriWhenHostOnlyStartsWith127ThenRefused(String uri) {
    TokenFamily google = TokenFamily.google(List.of("https://svc.example.com"));

    assertThatThrownBy(() -> google.withKeySetUri(URI.create(uri)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(EndpointUris.RULE);
  }
}
