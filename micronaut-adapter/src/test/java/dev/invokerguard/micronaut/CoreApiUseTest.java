package dev.invokerguard.micronaut;

import dev.invokerguard.testing.CoreInternals;
import org.junit.jupiter.api.Test;

/** The Micronaut module uses only InvokerGuard's core API, none of its {@code @Internal} types. */
class CoreApiUseTest {
  @Test
  void mainClassesWhenCheckedThenUseNoInternalCoreType() {
    CoreInternals.assertNotUsedByThisModule();
  }
}
