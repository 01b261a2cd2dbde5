package dev.invokerguard.micronaut;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/**
 * A registry that keeps what is recorded, as an application's exporting registry would (Micronaut's composite
 * registry alone records nothing); only in the tests that turn it on.
 */
@Factory
@Requires(classes = SimpleMeterRegistry.class)
@Requires(property = TestMeterRegistry.ENABLED, value = "true")
class TestMeterRegistry {
  static final String ENABLED = "test.simple-meter-registry";

  @Singleton
  SimpleMeterRegistry simpleMeterRegistry() {
    return new SimpleMeterRegistry();
  }
}
