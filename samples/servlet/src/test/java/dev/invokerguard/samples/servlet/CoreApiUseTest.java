package dev.invokerguard.samples.servlet;

import dev.invokerguard.testing.CoreInternals;
import org.junit.jupiter.api.Test;

/** The servlet sample uses only InvokerGuard's core API, none of its {@code @Internal} types. */
class CoreApiUseTest {
  @Test
  void mainClassesWhenCheckedThenUseNoInternalCoreType() {
    CoreInternals.assertNotUsedByThisModule();
  }
}
