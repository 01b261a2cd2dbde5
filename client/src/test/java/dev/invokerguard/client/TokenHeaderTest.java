package dev.invokerguard.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class TokenHeaderTest {
  private static java.util.function.Predicate<String> present(String... names) {
    Set<String> set = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    set.addAll(Set.of(names));
    return set::contains;
  }

  @Test
  void headerNameWhenAutoAndNoAuthorizationThenAuthorization() {
    assertThat(TokenHeader.AUTO.headerName(present())).isEqualTo("Authorization");
  }

  @Test
  void headerNameWhenAutoAndOwnAuthorizationThenServerlessAuthorization() {
    assertThat(TokenHeader.AUTO.headerName(present("authorization")))
        .isEqualTo("X-Serverless-Authorization");
  }

  @Test
  void headerNameWhenAuthorizationForcedButTakenThenHeaderTaken() {
    assertThatThrownBy(() -> TokenHeader.AUTHORIZATION.headerName(present("Authorization")))
        .extracting(e -> ((OutboundTokenException) e).code())
        .isEqualTo(OutboundErrorCode.HEADER_TAKEN);
  }

  @Test
  void headerNameWhenBothTakenThenHeaderTaken() {
    assertThatThrownBy(
            () -> TokenHeader.AUTO.headerName(present("Authorization", "X-Serverless-Authorization")))
        .extracting(e -> ((OutboundTokenException) e).code())
        .isEqualTo(OutboundErrorCode.HEADER_TAKEN);
  }

  @Test
  void parseWhenKnownThenValue() {
    assertThat(TokenHeader.parse(" X-Serverless-Authorization ")).isEqualTo(TokenHeader.X_SERVERLESS_AUTHORIZATION);
    assertThat(TokenHeader.parse("authorization")).isEqualTo(TokenHeader.AUTHORIZATION);
    assertThat(TokenHeader.parse("auto")).isEqualTo(TokenHeader.AUTO);
    assertThatThrownBy(() -> TokenHeader.parse("cookie")).isInstanceOf(OutboundTokenException.class);
  }
}
