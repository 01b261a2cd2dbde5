package dev.invokerguard.samples.spring;

import dev.invokerguard.testing.CoreInternals;
import org.junit.jupiter.api.Test;

/** The Spring Boot sample uses only InvokerGuard's core API, none of its {@code @Internal} types. */
class CoreApiUseTest {
  @Test
  void mainClassesWhenCheckedThenUseNoInternalCoreType() {
    CoreInternals.assertNotUsedByThisModule();
  }
}
