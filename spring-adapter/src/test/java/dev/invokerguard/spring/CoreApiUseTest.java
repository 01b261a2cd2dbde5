package dev.invokerguard.spring;

import dev.invokerguard.testing.CoreInternals;
import org.junit.jupiter.api.Test;

/** The starter uses only InvokerGuard's core API, none of its {@code @Internal} types. */
class CoreApiUseTest {
  @Test
  void mainClassesWhenCheckedThenUseNoInternalCoreType() {
    CoreInternals.assertNotUsedByThisModule();
  }
}
