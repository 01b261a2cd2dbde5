package dev.invokerguard.micronaut;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invokerguard.identity.Caller;
import dev.invokerguard.tck.sample.RawHttp;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@code invokerguard.enabled=false}: no check, and a controller's {@code @Nullable Caller} is null. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DisabledGuardTest implements TestPropertyProvider {
  @Inject
  EmbeddedServer server;

  @Override
  public Map<String, String> getProperties() {
    return Map.of("invokerguard.enabled", "false", "test.optional-caller", "true");
  }

  @Test
  void requestWhenDisabledThenServedWithoutTokenAndWithoutCaller() throws Exception {
    RawHttp.Response response = new RawHttp(server.getPort()).get("/optional/caller");

    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("caller=none");
  }

  /** A controller that works with and without InvokerGuard. */
  @Controller("/optional")
  @Requires(property = "test.optional-caller", value = "true")
  static class OptionalCallerController {
    @Get(uri = "/caller", produces = MediaType.TEXT_PLAIN)
    String caller(@Nullable Caller caller) {
      return "caller=" + (caller == null ? "none" : caller.principal());
    }
  }
}
